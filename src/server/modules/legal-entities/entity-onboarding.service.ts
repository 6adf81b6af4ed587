import type { AppContext } from '../../context.js';
import { appendAudit } from '../../db/audit.js';
import { AppError, notFound } from '../../http/errors.js';
import { decryptField, encryptField, keyedHash } from '../../security/crypto.js';
import { loginEmailTaken, openEntityHost, openStaffAccount } from '../accounts/entity-accounts.service.js';
import { setDocumentOwner } from '../documents/documents.service.js';
import type { AddressPlace } from '../../../shared/schemas/index.js';
import {
  addEntityAddressPlaces,
  addEntityProperties,
  countHostProperties,
} from '../properties/properties.service.js';
import type { RegistryRecord } from '../properties/registry.js';
import { applicationData, lookUpAll, registryCodes } from './application-data.js';
import { entityApplicationFacts, heldBy } from './entity-review.service.js';
import * as repo from './legal-entities.repo.js';
import { applyTransition } from './transitions.js';

// Approval opens a cabinet; the operators then keep a list of the cabinets they opened.

/**
 * Approval opens the cabinet, in one transaction: the entity (a host with no login of its own),
 * its administrator (the trusted person, with the application's e-mail) and its properties as the
 * registry has them. The administrator gets a single-use link to set a password by e-mail and the
 * PIN by SMS and e-mail, as the guide says — never a password in a message.
 */
export async function approveEntityApplication(
  ctx: AppContext,
  operatorId: number,
  id: number,
  now = new Date(),
) {
  // The registry first (it may be remote): what the properties are, before anything is written.
  const current = await repo.findById(ctx.db, id);
  if (!current) throw notFound('errors.entity.notFound');
  const data = applicationData(ctx, current);
  const found = await lookUpAll(ctx, registryCodes(data));
  if (found.includes('unavailable'))
    throw new AppError({
      status: 503,
      code: 'registry_unavailable',
      messageKey: 'errors.registry.unavailable',
    });
  if (found.includes(undefined))
    throw new AppError({ status: 409, code: 'property_gone', messageKey: 'errors.propertyCode.notFound' });
  const records = found.map((record, i) => ({
    record: record as RegistryRecord,
    capacity: data.properties[i]!.capacity,
  }));
  // Where places are addresses, the application's addresses are the places, as a host adds them.
  const addresses = data.properties.filter((p): p is AddressPlace => !('code' in p));
  if (await loginEmailTaken(ctx.db, data.email))
    throw new AppError({ status: 409, code: 'email_taken', messageKey: 'errors.entity.emailTaken' });
  return ctx.events.transaction(ctx.db, async (tx) => {
    const application = await heldBy(tx, operatorId, id, now);
    const documents = await repo.documentsOf(tx, id);
    const hostId = await openEntityHost(ctx, tx, {
      name: data.name,
      phone: data.phone,
      language: application.language,
      now,
    });
    await repo.insertLegalEntity(tx, {
      host_id: hostId,
      application_id: id,
      name: data.name,
      tax_number_enc: encryptField(ctx.secrets.fieldEncryptionKey, data.taxNumber),
      tax_number_hash: keyedHash(ctx.secrets.fieldHashKey, data.taxNumber),
      legal_address: data.legalAddress,
      actual_address: data.actualAddress,
      activity: data.activity,
      head_name: data.headName,
      email: data.email,
      phone: data.phone,
    });
    const admin = await openStaffAccount(
      ctx,
      tx,
      { hostId, email: data.email, fullName: data.trustedName, role: 'admin' },
      now,
    );
    // The property documents become the entity's: it sees them in tab 2, as a person sees theirs.
    await setDocumentOwner(
      tx,
      documents.map((d) => d.document_id),
      hostId,
    );
    const titleOf = (i: number) => documents.find((d) => d.field === `propertyDocument.${i}`)!.document_id;
    await addEntityProperties(
      tx,
      hostId,
      records.map((property, i) => ({ ...property, documentId: titleOf(i) })),
    );
    await addEntityAddressPlaces(
      ctx,
      tx,
      hostId,
      addresses.map((address, i) => ({ address, documentId: titleOf(i) })),
    );
    await applyTransition(tx, {
      id,
      current: application.status,
      action: 'approve',
      actor: { kind: 'operator', operatorId },
      changes: {
        claimed_by: null,
        claim_until: null,
        decided_by: operatorId,
        decided_at: now,
        host_id: hostId,
      },
      details: { hostId, properties: data.properties.length },
    });
    await appendAudit(tx, {
      actor: { kind: 'operator', operatorId },
      action: 'legal_entity.open',
      entity: 'host',
      entityId: hostId,
      after: { staffId: admin.staffId },
    });
    await ctx.events.emit(tx, {
      type: 'EntityApplicationApproved',
      ...entityApplicationFacts(application),
      hostId,
      name: data.name,
      administrator: {
        staffId: admin.staffId,
        setPasswordLink: admin.link,
        pin: admin.pin,
        hours: admin.hours,
      },
    });
    return { id, status: 'approved' as const, hostId };
  });
}

/** Operators' list of opened cabinets: where they add, change and retire an entity's properties. */
export async function listEntities(ctx: AppContext, nameContains?: string) {
  const rows = await repo.listEntities(ctx.db, nameContains);
  const hostIds = rows.map((row) => row.host_id);
  const properties = await countHostProperties(ctx.db, hostIds);
  return {
    items: rows.map((row) => ({
      hostId: row.host_id,
      name: row.name,
      taxNumber: decryptField(ctx.secrets.fieldEncryptionKey, row.tax_number_enc),
      email: row.email,
      properties: properties.get(row.host_id) ?? 0,
      openedAt: row.created_at.toISOString(),
    })),
  };
}
