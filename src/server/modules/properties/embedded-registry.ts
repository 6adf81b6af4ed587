import { createRequire } from 'node:module';
import type { Db } from '../../db/database.js';
import type { PropertyRegistry, RegistryRecord } from './registry.js';

interface DataRow {
  code: string;
  region: string;
  district: string;
  locality: string;
  street: string;
  house: string;
  building: string | null;
  flat: string | null;
  postalCode: string;
  areaM2: number;
  rooms: number;
}

const require = createRequire(import.meta.url);

/** Loads the bundled registry data (invented Kyrgyz properties) once into the database. */
export async function loadEmbeddedRegistry(db: Db): Promise<void> {
  const present = await db.selectFrom('property_registry').select('code').limit(1).executeTakeFirst();
  if (present) return;
  const rows = require('./data/kg-registry.json') as DataRow[];
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('property_registry')
      .values(
        rows.slice(i, i + 200).map((r) => ({
          code: r.code,
          region: r.region,
          district: r.district,
          locality: r.locality,
          street: r.street,
          house: r.house,
          building: r.building,
          flat: r.flat,
          postal_code: r.postalCode,
          area_m2: r.areaM2,
          rooms: r.rooms,
        })),
      )
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}

/** The registry kept in Konok's own database: the demo and the tests use it. */
export function embeddedRegistry(db: Db): PropertyRegistry {
  return {
    async lookup(code): Promise<RegistryRecord | undefined> {
      const row = await db
        .selectFrom('property_registry')
        .selectAll()
        .where('code', '=', code)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        code: row.code,
        address: {
          region: row.region,
          district: row.district,
          locality: row.locality,
          street: row.street,
          house: row.house,
          building: row.building,
          flat: row.flat,
          postalCode: row.postal_code,
        },
        areaM2: Number(row.area_m2),
        rooms: row.rooms,
      };
    },
  };
}

/** A few codes to try in the demo. */
export async function sampleRegistryCodes(db: Db, count: number, offset = 0): Promise<string[]> {
  const rows = await db
    .selectFrom('property_registry')
    .select('code')
    .orderBy('code')
    .offset(offset)
    .limit(count)
    .execute();
  return rows.map((r) => r.code);
}
