import type { AppContext } from '../../context.js';
import type { DbOrTx, Tx } from '../../db/database.js';
import type { NewHost } from '../../db/schema.js';
import { decryptField, encryptField } from '../../security/crypto.js';
import { setDocumentOwner } from '../documents/documents.service.js';
import * as repo from './accounts.repo.js';
import { storePin } from './credentials.service.js';
import { hashPassword } from './passwords.js';
import * as staffRepo from './staff.repo.js';

// The demo's own accounts (src/server/demo), whose passwords are in the README: made, reset to
// those passwords in demo mode, and made unusable outside it. Benchmarks make hosts this way too.

/** A person who hosts by e-mail: their id, or undefined. */
export async function hostIdByEmail(db: DbOrTx, email: string) {
  return (await repo.findHostByEmail(db, email))?.id;
}

/** An operator by e-mail: their id, or undefined. */
export async function operatorIdByEmail(db: DbOrTx, email: string) {
  return (await repo.findOperatorByEmail(db, email))?.id;
}

/**
 * A host made active at once, with its PIN, as if it had signed up and activated; its files are
 * its own from here on. For the demo and benchmarks, which need hosts without going through e-mail.
 */
export async function insertActivatedHost(
  ctx: Pick<AppContext, 'secrets'>,
  tx: Tx,
  host: NewHost & { passport_document_id: number; photo_document_id: number },
  pin: string,
): Promise<number> {
  const hostId = await repo.insertHost(tx, host);
  // The PIN hash includes the host id, known only now.
  await storePin(ctx, tx, { kind: 'host', id: hostId }, pin);
  await setDocumentOwner(tx, [host.passport_document_id, host.photo_document_id], hostId);
  return hostId;
}

/** The demo person's password and PIN again, any lock lifted; false when there is no such host. */
export async function resetHostCredentials(
  ctx: Pick<AppContext, 'secrets'>,
  tx: Tx,
  account: { email: string; passwordHash: string; pin: string },
): Promise<boolean> {
  const host = await repo.findHostByEmail(tx, account.email);
  if (!host) return false;
  await repo.updateHost(tx, host.id, {
    password_hash: account.passwordHash,
    failed_logins: 0,
    locked_until: null,
  });
  await storePin(ctx, tx, { kind: 'host', id: host.id }, account.pin);
  return true;
}

/**
 * The demo operator, made or given its password again, with a second factor fixed for the data
 * directory (so a newcomer's authenticator keeps working across restarts). Returns its id.
 */
export async function ensureOperator(
  ctx: Pick<AppContext, 'secrets'>,
  tx: Tx,
  operator: { email: string; passwordHash: string; fullName: string; totpSecret: string },
): Promise<number> {
  const key = ctx.secrets.fieldEncryptionKey;
  const existing = await repo.findOperatorByEmail(tx, operator.email);
  if (existing) await repo.resetOperatorPassword(tx, existing.id, operator.passwordHash);
  const operatorId =
    existing?.id ??
    (await repo.insertOperator(tx, {
      email: operator.email,
      passwordHash: operator.passwordHash,
      fullName: operator.fullName,
      role: 'operator',
    }));
  if (!existing?.totp_secret_enc || decryptField(key, existing.totp_secret_enc) !== operator.totpSecret)
    await repo.setTotpSecret(tx, operatorId, encryptField(key, operator.totpSecret));
  return operatorId;
}

/**
 * Makes a person's or an operator's account unusable and ends its sessions; its id, or undefined
 * when there is none (or it already was).
 */
export async function disableSignIn(tx: Tx, kind: 'host' | 'operator', email: string) {
  const id = await repo.disableAccount(tx, kind === 'host' ? 'hosts' : 'operators', email);
  if (id === undefined) return undefined;
  await (kind === 'host' ? repo.deleteHostSessions(tx, id) : repo.deleteOperatorSessions(tx, id));
  return id;
}

/** A staff account by e-mail, disabled or not: its id, its entity and whether it is disabled. */
export async function staffByEmail(db: DbOrTx, email: string) {
  const row = await staffRepo.findStaffByEmail(db, email);
  return row && { id: row.id, hostId: row.host_id, disabled: row.disabled_at !== null };
}

/** A staff member's demo password and PIN, and enabled again (a start outside demo mode disables it). */
export async function resetStaffCredentials(
  ctx: AppContext,
  staffId: number,
  account: { password: string; pin: string },
): Promise<void> {
  const passwordHash = await hashPassword(account.password);
  await ctx.db.transaction().execute(async (tx) => {
    await staffRepo.setStaffPassword(tx, staffId, passwordHash);
    await storePin(ctx, tx, { kind: 'staff', id: staffId }, account.pin);
    await staffRepo.enableStaff(tx, staffId);
  });
}
