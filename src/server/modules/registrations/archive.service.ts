import type { AppContext } from '../../context.js';
import { decryptField, keyedHash } from '../../security/crypto.js';
import { type ArchiveQuery } from '../../../shared/schemas/index.js';
import { maskDocumentNumber } from '../../../shared/masking.js';
import { checklistOf } from './attachments.service.js';
import * as repo from './registrations.repo.js';
import { TRANSITIONS } from './transitions.js';

/**
 * Tab 4: the host's applications, searched by name, passport number, application number or
 * registration number (the numbers the host is given), filtered, sorted, paged.
 */
export async function archive(ctx: AppContext, hostId: number, query: ArchiveQuery) {
  const text = query.query?.trim();
  const { rows, total } = await repo.archivePage(ctx.db, {
    hostId,
    name: text || undefined,
    passportNumberHash: text
      ? keyedHash(ctx.secrets.fieldHashKey, text.toUpperCase().replace(/\s/g, ''))
      : undefined,
    // Typed as printed or read aloud: spaces dropped; '2026-000006' keeps its hyphen.
    number: text && /^[\d\s-]+$/.test(text) ? text.replace(/\s/g, '') : undefined,
    status: query.status,
    propertyId: query.propertyId,
    staffId: query.staffId,
    sort: query.sort,
    order: query.order,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const checklists = await checklistOf(
    ctx,
    rows.map((row) => ({ id: row.id, surname: row.surname, givenNames: row.given_names })),
  );
  const cancellable: readonly string[] = [...TRANSITIONS.cancel.from, ...TRANSITIONS.revoke.from];
  return {
    items: rows.map((row) => ({
      id: row.id,
      applicationNumber: row.application_number,
      createdAt: row.created_at.toISOString(),
      registrationNumber: row.registration_number,
      fullName: [row.surname, row.given_names].filter(Boolean).join(' '),
      birthDate: row.birth_date,
      passportCountry: row.passport_country,
      passportNumberMasked: row.passport_number_enc
        ? maskDocumentNumber(decryptField(ctx.secrets.fieldEncryptionKey, row.passport_number_enc))
        : '***',
      property:
        row.property_id && row.property_code ? { id: row.property_id, code: row.property_code } : null,
      periodFrom: row.valid_from,
      periodTo: row.valid_until,
      status: row.status,
      paymentStatus: row.payment_status,
      // What the operator said: the reason of a rejection, or which documents to send.
      decisionReason: row.decision_reason,
      decisionNote: row.decision_note,
      canCancel: cancellable.includes(row.status),
      canPay: (TRANSITIONS.pay.from as readonly string[]).includes(row.status),
      /** For a legal entity: which staff member made it. */
      staffName: row.staff_name,
      /** The checklist files, with an operator's reason where one was not accepted. */
      attachments: checklists.get(row.id) ?? [],
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
