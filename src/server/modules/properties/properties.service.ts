import type { Actor } from '../../actor.js';
import type { AppContext } from '../../context.js';
import type { CountryProfile } from '../../../shared/profiles/profile.js';
import type { DbOrTx } from '../../db/database.js';
import { appendAudit } from '../../db/audit.js';
import { AppError, badRequest, forbidden, notFound } from '../../http/errors.js';
import { type AddressPlace, suggestedCapacity, UPLOAD_MEDIA_TYPES } from '../../../shared/schemas/index.js';
import { POSTAL_REFERENCES } from '../../reference/postal-indexes.js';
import { hostKind } from '../accounts/accounts.service.js';
import { checkUpload, readDocument, withStoredFiles, type Upload } from '../documents/documents.service.js';
import { activeCountsByProperty } from '../registrations/occupancy.service.js';
import * as repo from './properties.repo.js';
import { formatAddress, RegistryUnavailableError, type Address, type RegistryRecord } from './registry.js';

const registryDown = () =>
  new AppError({ status: 503, code: 'registry_unavailable', messageKey: 'errors.registry.unavailable' });

/** «Проверить»: the registry's answer for a code, with the capacity the profile's norm suggests. */
export async function lookupProperty(ctx: AppContext, code: string) {
  let record: RegistryRecord | undefined;
  try {
    record = await ctx.registry.lookup(code);
  } catch (error) {
    if (error instanceof RegistryUnavailableError) throw registryDown();
    throw error;
  }
  if (!record) throw badRequest({ code: 'errors.propertyCode.notFound' });
  return {
    code: record.code,
    address: record.address,
    addressLine: formatAddress(record.address),
    areaM2: record.areaM2,
    rooms: record.rooms,
    suggestedCapacity: suggestedCapacity(ctx.profile, record.areaM2),
  };
}

export async function addProperty(
  ctx: AppContext,
  hostId: number,
  input: { code: string; capacity?: number; scan?: Upload },
) {
  // A legal entity's properties are added by the operators, after checking them (the guide:
  // «выберите адрес ранее добавленного операторами»).
  if ((await hostKind(ctx.db, hostId)) === 'legal_entity') throw forbidden('errors.property.entityAdds');
  return storeProperty(ctx, hostId, input, { kind: 'host', hostId });
}

/** An operator adds a building to a legal entity's cabinet, with the document it sent. */
export async function addEntityProperty(
  ctx: AppContext,
  operatorId: number,
  hostId: number,
  input: { code: string; capacity?: number; scan?: Upload },
) {
  await requireEntity(ctx.db, hostId);
  return storeProperty(ctx, hostId, input, { kind: 'operator', operatorId });
}

/**
 * A legal entity's buildings as the registry has them, put into its new cabinet by the approval
 * that opens it, in that approval's transaction: the cabinet opens whole or not at all.
 */
export async function addEntityProperties(
  tx: DbOrTx,
  hostId: number,
  properties: { record: RegistryRecord; capacity: number; documentId: number }[],
): Promise<void> {
  for (const { record, capacity, documentId } of properties)
    await repo.insertProperty(tx, {
      hostId,
      code: record.code,
      address: record.address,
      areaM2: Number(record.areaM2),
      rooms: record.rooms,
      capacity,
      documentId,
    });
}

/**
 * A legal entity's addresses, put into its new cabinet by the approval that opens it, in that
 * approval's transaction: each one place, however typed, as when a host adds it.
 */
export async function addEntityAddressPlaces(
  ctx: AppContext,
  tx: DbOrTx,
  hostId: number,
  places: { address: AddressPlace; documentId: number }[],
): Promise<void> {
  const place = ctx.profile.placeOfStay;
  if (place.kind !== 'address') return;
  for (const { address, documentId } of places)
    await repo.insertProperty(tx, {
      hostId,
      code: addressKey(address),
      address: addressOf(place, address),
      areaM2: null,
      rooms: null,
      capacity: address.capacity,
      documentId,
    });
}

/** How many properties (not retired) each host has, by host id: one query for all of them. */
export async function countHostProperties(db: DbOrTx, hostIds: number[]): Promise<Map<number, number>> {
  if (hostIds.length === 0) return new Map();
  const rows = await repo.countActiveProperties(db, hostIds);
  return new Map(rows.map((row) => [Number(row.host_id), Number(row.n)]));
}

/** Operators manage legal entities' properties only; a person manages their own. */
async function requireEntity(db: DbOrTx, hostId: number) {
  if ((await hostKind(db, hostId)) !== 'legal_entity') throw notFound('errors.entity.notFound');
}

async function storeProperty(
  ctx: AppContext,
  hostId: number,
  input: { code: string; capacity?: number; scan?: Upload },
  actor: Actor,
) {
  const mediaType = await checkNewPlace(ctx, hostId, input.scan, input.code, {
    code: 'errors.propertyCode.duplicate',
  });
  const found = await lookupProperty(ctx, input.code);
  const capacity = input.capacity ?? found.suggestedCapacity;
  return insertPlace(
    ctx,
    {
      hostId,
      scan: { body: input.scan!.body, mediaType },
      actor,
      duplicate: { code: 'errors.propertyCode.duplicate' },
    },
    { code: found.code, address: found.address, areaM2: found.areaM2, rooms: found.rooms, capacity },
    { code: found.code, capacity },
  );
}

/**
 * What every new place is checked for before anything is written: the title document's file, and
 * the host's own list (one place once). Every problem at once; the document's media type if none.
 */
async function checkNewPlace(
  ctx: AppContext,
  hostId: number,
  upload: Upload | undefined,
  code: string,
  duplicate: Record<string, string>,
): Promise<string> {
  const errors: Record<string, string> = {};
  const scan = await checkUpload(upload, UPLOAD_MEDIA_TYPES);
  if ('problem' in scan)
    errors.scan = scan.problem === 'errors.file.required' ? 'errors.propertyScan.required' : scan.problem;
  if (await repo.hostHasCode(ctx.db, hostId, code)) Object.assign(errors, duplicate);
  if ('problem' in scan || Object.keys(errors).length > 0) throw badRequest(errors);
  return scan.mediaType;
}

/**
 * A new place and its title document, in one transaction with its audit entry: whether another
 * host holds the same place is told back (and audited). Two adds of one place at the same moment:
 * the partial unique index decides, and the second is told on the field as a duplicate.
 */
async function insertPlace(
  ctx: AppContext,
  who: {
    hostId: number;
    scan: { body: Buffer; mediaType: string };
    actor: Actor;
    duplicate: Record<string, string>;
  },
  place: { code: string; address: Address; areaM2: number | null; rooms: number | null; capacity: number },
  audited: Record<string, unknown>,
) {
  const { hostId } = who;
  try {
    return await withStoredFiles(ctx, async (tx, store) => {
      const documentId = await store({ ...who.scan, kind: 'property-title', ownerHostId: hostId });
      const id = await repo.insertProperty(tx, { hostId, ...place, documentId });
      const shared = await repo.codeHeldByOthers(tx, hostId, place.code);
      await appendAudit(tx, {
        actor: who.actor,
        action: 'property.add',
        entity: 'property',
        entityId: id,
        after: { ...audited, shared, hostId },
      });
      return { id, shared };
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw badRequest(who.duplicate);
    throw error;
  }
}

/**
 * A place of stay the host describes by its address, with the document that gives the right to
 * it. The postal index is checked against the country's reference: a mismatch is put to the host
 * (409 with the field's warning), who may keep the index as typed — the reference is not the law.
 */
export async function addAddressPlace(
  ctx: AppContext,
  hostId: number,
  input: AddressPlace & { scan?: Upload },
) {
  if ((await hostKind(ctx.db, hostId)) === 'legal_entity') throw forbidden('errors.property.entityAdds');
  return storeAddressPlace(ctx, hostId, input, { kind: 'host', hostId });
}

/** An operator adds an address to a legal entity's cabinet, with the document it sent. */
export async function addEntityAddressPlace(
  ctx: AppContext,
  operatorId: number,
  hostId: number,
  input: AddressPlace & { scan?: Upload },
) {
  await requireEntity(ctx.db, hostId);
  return storeAddressPlace(ctx, hostId, input, { kind: 'operator', operatorId });
}

async function storeAddressPlace(
  ctx: AppContext,
  hostId: number,
  input: AddressPlace & { scan?: Upload },
  actor: Actor,
) {
  const place = ctx.profile.placeOfStay;
  if (place.kind !== 'address') throw notFound('errors.notFound');
  const key = addressKey(input);
  const mediaType = await checkNewPlace(ctx, hostId, input.scan, key, { street: 'errors.address.duplicate' });
  const index = checkAddressIndex(place, input);
  const address = addressOf(place, input);
  return insertPlace(
    ctx,
    {
      hostId,
      scan: { body: input.scan!.body, mediaType },
      actor,
      duplicate: { street: 'errors.address.duplicate' },
    },
    { code: key, address, areaM2: null, rooms: null, capacity: input.capacity },
    { address: formatAddress(address), capacity: input.capacity, indexConfirmed: index === 'confirmed' },
  );
}

type AddressProfile = Extract<CountryProfile['placeOfStay'], { kind: 'address' }>;

/**
 * The address's postal index against the profile's reference. A mismatch the host has not yet
 * confirmed is put back (409) with what the reference says the index serves; confirmed, it is
 * kept and told back as 'confirmed' for the audit.
 */
export function checkAddressIndex(
  place: AddressProfile,
  input: AddressPlace,
  field = 'postalIndex',
): 'ok' | 'confirmed' {
  const reference = POSTAL_REFERENCES[place.postalReference];
  const index = reference.check({ index: input.postalIndex, region: input.region, city: input.city });
  if (index === 'ok') return 'ok';
  if (input.confirmIndex) return 'confirmed';
  const messageKey = `errors.address.postalIndex.${index.warning}`;
  throw new AppError({
    status: 409,
    code: 'postal_index_mismatch',
    messageKey,
    fields: { [field]: messageKey },
    details: {
      warning: index.warning,
      index: input.postalIndex,
      serves: reference.lookup(input.postalIndex),
    },
  });
}

/** The address as stored and printed: the region's and the street type's names written out. */
export function addressOf(place: AddressProfile, input: AddressPlace): Address {
  const streetWord = place.streetTypes.find((t) => t.value === input.streetType)!.ru;
  return {
    postalCode: input.postalIndex,
    region: place.regions.find((r) => r.code === input.region)!.ru,
    district: input.district ?? input.city,
    locality: input.city,
    street: `${streetWord} ${input.street}`,
    house: input.house,
    building: input.building ?? null,
    structure: input.structure ?? null,
    flat: input.flat ?? null,
  };
}

/**
 * One address, however it was typed: the same flat written twice (case, ё, spaces) is one place,
 * for a host's duplicates and for seeing several hosts at one address.
 */
export function addressKey(a: AddressPlace): string {
  const norm = (v: string | undefined) =>
    (v ?? '').toUpperCase().replace(/Ё/g, 'Е').replace(/\s+/g, ' ').trim();
  return [a.postalIndex, a.region, a.city, a.streetType, a.street, a.house, a.building, a.structure, a.flat]
    .map(norm)
    .join('|');
}

/**
 * More (or fewer) places in a legal entity's building. Never below the people registered there
 * now: they stay registered, and the capacity check would refuse nobody new anyway.
 */
export async function changeEntityPropertyCapacity(
  ctx: AppContext,
  operatorId: number,
  hostId: number,
  id: number,
  capacity: number,
) {
  return ctx.db.transaction().execute(async (tx) => {
    await requireEntity(tx, hostId);
    const row = await repo.findHostProperty(tx, hostId, id);
    if (!row) throw notFound('errors.property.notFound');
    const active = (await activeCountsByProperty(tx, [row.id])).get(row.id) ?? 0;
    if (capacity < active)
      throw new AppError({
        status: 400,
        code: 'validation',
        messageKey: 'errors.summary',
        fields: { capacity: 'errors.capacity.belowActive' },
        details: { count: active },
      });
    await repo.setCapacity(tx, id, capacity);
    await appendAudit(tx, {
      actor: { kind: 'operator', operatorId },
      action: 'property.capacity',
      entity: 'property',
      entityId: id,
      before: { capacity: row.capacity },
      after: { capacity },
    });
    return present({ ...row, capacity }, active);
  });
}

const present = (
  row: {
    id: number;
    code: string;
    address: unknown;
    area_m2: string | number | null;
    rooms: number | null;
    capacity: number;
    created_at: Date;
  },
  activeRegistrations: number,
) => ({
  id: row.id,
  code: row.code,
  address: row.address as Address,
  addressLine: formatAddress(row.address as Address),
  areaM2: row.area_m2 === null ? null : Number(row.area_m2),
  rooms: row.rooms,
  capacity: row.capacity,
  activeRegistrations,
  createdAt: row.created_at.toISOString(),
});

export async function listProperties(ctx: AppContext, hostId: number) {
  const rows = await repo.listHostProperties(ctx.db, hostId);
  const active = await activeCountsByProperty(
    ctx.db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...present(row, active.get(row.id) ?? 0), shared: Boolean(row.shared) }));
}

export async function getProperty(ctx: AppContext, hostId: number, id: number) {
  const row = await repo.findHostProperty(ctx.db, hostId, id);
  if (!row) throw notFound('errors.property.notFound');
  const active = await activeCountsByProperty(ctx.db, [row.id]);
  return present(row, active.get(row.id) ?? 0);
}

/** One of the host's own properties, or undefined (another host's property is as good as none). */
export async function findOwnProperty(ctx: AppContext, hostId: number, id: number) {
  const row = await repo.findHostProperty(ctx.db, hostId, id);
  return (
    row && {
      id: row.id,
      code: row.code,
      capacity: row.capacity,
      addressLine: formatAddress(row.address as Address),
    }
  );
}

export async function readPropertyScan(ctx: AppContext, hostId: number, id: number) {
  const row = await repo.findHostProperty(ctx.db, hostId, id);
  if (!row) throw notFound('errors.property.notFound');
  const document = await readDocument(ctx, row.document_id, { kind: 'host', hostId });
  if (!document) throw notFound('errors.property.notFound');
  return document;
}

/** A property with an active registration stays: the foreigner is registered there. */
export async function removeProperty(ctx: AppContext, hostId: number, id: number) {
  if ((await hostKind(ctx.db, hostId)) === 'legal_entity') throw forbidden('errors.property.entityAdds');
  await retire(ctx, hostId, id, { kind: 'host', hostId });
}

/** An operator retires a legal entity's building (closed, sold): the same rule as a person's. */
export async function retireEntityProperty(ctx: AppContext, operatorId: number, hostId: number, id: number) {
  await requireEntity(ctx.db, hostId);
  await retire(ctx, hostId, id, { kind: 'operator', operatorId });
}

async function retire(ctx: AppContext, hostId: number, id: number, actor: Actor) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await repo.findHostProperty(tx, hostId, id);
    if (!row) throw notFound('errors.property.notFound');
    const active = (await activeCountsByProperty(tx, [row.id])).get(row.id) ?? 0;
    if (active > 0)
      throw new AppError({
        status: 409,
        code: 'property_in_use',
        messageKey: 'errors.property.inUse',
        details: { count: active },
      });
    await repo.markPropertyRemoved(tx, id);
    await appendAudit(tx, {
      actor,
      action: 'property.remove',
      entity: 'property',
      entityId: id,
      before: { code: row.code, hostId },
    });
  });
}

/** A legal entity's properties as its operator sees them. */
export async function listEntityProperties(ctx: AppContext, hostId: number) {
  await requireEntity(ctx.db, hostId);
  return listProperties(ctx, hostId);
}

export async function readEntityPropertyScan(
  ctx: AppContext,
  operatorId: number,
  hostId: number,
  id: number,
) {
  await requireEntity(ctx.db, hostId);
  const row = await repo.findHostProperty(ctx.db, hostId, id);
  if (!row) throw notFound('errors.property.notFound');
  const document = await readDocument(ctx, row.document_id, { kind: 'operator', operatorId });
  if (!document) throw notFound('errors.property.notFound');
  return document;
}

export async function listSharedProperties(ctx: AppContext) {
  const rows = await repo.listSharedProperties(ctx.db);
  return rows.map((row) => ({
    code: row.code,
    addressLine: formatAddress(row.address as Address),
    host: `${row.surname} ${row.given_names}`,
    addedAt: row.created_at.toISOString(),
  }));
}
