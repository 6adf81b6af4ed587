import type { DbOrTx } from '../../db/database.js';
import * as repo from './registrations.repo.js';

/** How many active registrations each property has: the properties module asks here, not the table (and not the rest of registrations, which asks the properties module). */
export const activeCountsByProperty = (db: DbOrTx, propertyIds: number[]) =>
  repo.countActiveByProperty(db, propertyIds);
