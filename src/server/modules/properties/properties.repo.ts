import type { DbOrTx } from '../../db/database.js';
import type { Address } from './registry.js';

const propertyColumns = ['id', 'code', 'address', 'area_m2', 'rooms', 'capacity', 'created_at'] as const;

export function listHostProperties(db: DbOrTx, hostId: number) {
  return db
    .selectFrom('properties')
    .select(propertyColumns)
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('properties as other')
            .select('other.id')
            .whereRef('other.code', '=', 'properties.code')
            .whereRef('other.host_id', '<>', 'properties.host_id')
            .where('other.removed_at', 'is', null),
        )
        .as('shared'),
    )
    .where('host_id', '=', hostId)
    .where('removed_at', 'is', null)
    .orderBy('id', 'desc')
    .execute();
}

/** Ownership in the WHERE clause: another host's property is simply not found. */
export function findHostProperty(db: DbOrTx, hostId: number, id: number) {
  return db
    .selectFrom('properties')
    .select([...propertyColumns, 'document_id'])
    .where('id', '=', id)
    .where('host_id', '=', hostId)
    .where('removed_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export async function hostHasCode(db: DbOrTx, hostId: number, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('properties')
    .select('id')
    .where('host_id', '=', hostId)
    .where('code', '=', code)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function codeHeldByOthers(db: DbOrTx, hostId: number, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('properties')
    .select('id')
    .where('host_id', '<>', hostId)
    .where('code', '=', code)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertProperty(
  db: DbOrTx,
  property: {
    hostId: number;
    code: string;
    address: Address;
    areaM2: number | null;
    rooms: number | null;
    capacity: number;
    documentId: number;
  },
): Promise<number> {
  const row = await db
    .insertInto('properties')
    .values({
      host_id: property.hostId,
      code: property.code,
      address: JSON.stringify(property.address),
      area_m2: property.areaM2,
      rooms: property.rooms,
      capacity: property.capacity,
      document_id: property.documentId,
      removed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setCapacity(db: DbOrTx, id: number, capacity: number) {
  await db.updateTable('properties').set({ capacity }).where('id', '=', id).execute();
}

export async function markPropertyRemoved(db: DbOrTx, id: number) {
  await db.updateTable('properties').set({ removed_at: new Date() }).where('id', '=', id).execute();
}

/** Codes that several hosts have added (co-owners, or a mistake): operators look at these. */
export function listSharedProperties(db: DbOrTx) {
  return db
    .selectFrom('properties')
    .innerJoin('hosts', 'hosts.id', 'properties.host_id')
    .select([
      'properties.code',
      'properties.address',
      'properties.created_at',
      'hosts.surname',
      'hosts.given_names',
    ])
    .where('properties.removed_at', 'is', null)
    .where('properties.code', 'in', (eb) =>
      eb
        .selectFrom('properties as p')
        .select('p.code')
        .where('p.removed_at', 'is', null)
        .groupBy('p.code')
        .having((h) => h.fn.count('p.host_id').distinct(), '>', 1),
    )
    .orderBy('properties.code')
    .orderBy('properties.created_at')
    .limit(200)
    .execute();
}

/** How many properties each of these hosts has, retired ones left out; hosts with none are absent. */
export function countActiveProperties(db: DbOrTx, hostIds: number[]) {
  return db
    .selectFrom('properties')
    .select((eb) => ['host_id', eb.fn.countAll<number>().as('n')])
    .where('host_id', 'in', hostIds)
    .where('removed_at', 'is', null)
    .groupBy('host_id')
    .execute();
}
