import { actorName, type Actor } from '../actor.js';
import type { DbOrTx } from './database.js';

export interface AuditEntry {
  /** Stored as its name: 'host:12', 'operator:3', 'system'. */
  actor: Actor;
  action: string;
  entity: string;
  entityId: string | number;
  /** Never personal data in clear: mask or leave out. */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/** One entry, or several in one statement. */
export async function appendAudit(db: DbOrTx, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      list.map((entry) => ({
        actor: actorName(entry.actor),
        action: entry.action,
        entity: entry.entity,
        entity_id: String(entry.entityId),
        before: entry.before ? JSON.stringify(entry.before) : null,
        after: entry.after ? JSON.stringify(entry.after) : null,
      })),
    )
    .execute();
}
