import crypto from 'node:crypto';
import type { AppContext } from '../../context.js';
import { appendAudit } from '../../db/audit.js';
import { AppError, badRequest, notFound } from '../../http/errors.js';
import { constantTimeEqual } from '../../security/crypto.js';
import { endOfDay, todayIso } from '../../../shared/dates.js';
import type { ApiKeyCreate, ApiKeyView, ApiScope } from '../../../shared/schemas/api-keys.js';
import { entityAdmin } from '../legal-entities/entity-staff.service.js';
import { listProperties } from '../properties/properties.service.js';
import * as repo from './api-keys.repo.js';

/** Who signed in to the cabinet: the entity, and which of its staff. */
type CabinetActor = { hostId: number; staffId?: number };

/** A request authorised by a key: the entity it acts for, and what the key allows. */
export interface KeyPrincipal {
  keyId: number;
  hostId: number;
  mode: 'live' | 'test';
  scopes: ApiScope[];
  /** null: every place of the entity. */
  placeIds: number[] | null;
}

const SECRET = /^kk_(live|test)_[A-Za-z0-9_-]{43}$/;
const hashSecret = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');

function present(row: repo.KeyRow, now: Date): ApiKeyView {
  const expired = row.expires_at !== null && row.expires_at <= now;
  return {
    id: row.id,
    name: row.name,
    mode: row.mode,
    hint: `kk_${row.mode}_…${row.hint}`,
    scopes: row.scopes as ApiScope[],
    placeIds: row.place_ids,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    state: row.revoked_at ? 'revoked' : expired ? 'expired' : row.expires_at ? 'expiring' : 'active',
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    lastUsedAddress: row.last_used_address,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listKeys(ctx: AppContext, actor: CabinetActor, now = new Date()) {
  await entityAdmin(ctx, actor);
  return { items: (await repo.listKeys(ctx.db, actor.hostId)).map((row) => present(row, now)) };
}

/**
 * A new key: 32 random bytes, shown once; only its SHA-256 is kept. In demo mode every key is a
 * test key (`kk_test_…`), so nothing made against the demo can be mistaken for the real service.
 */
export async function createKey(ctx: AppContext, actor: CabinetActor, input: ApiKeyCreate, now = new Date()) {
  const admin = await entityAdmin(ctx, actor);
  const placeIds = input.placeIds?.length ? [...new Set(input.placeIds)] : null;
  const errors: Record<string, string> = {};
  if (placeIds) {
    const own = new Set((await listProperties(ctx, actor.hostId)).map((p) => p.id));
    if (placeIds.some((id) => !own.has(id))) errors.placeIds = 'errors.apiKey.places.invalid';
  }
  const today = todayIso(now, ctx.profile.clock);
  if (input.expiresOn && input.expiresOn < today) errors.expiresOn = 'errors.apiKey.expiresOn.past';
  if (Object.keys(errors).length > 0) throw badRequest(errors);
  return ctx.db.transaction().execute(async (tx) => {
    const made = await insertNewKey(tx, ctx, {
      hostId: actor.hostId,
      name: input.name,
      scopes: input.scopes,
      placeIds,
      expiresAt: input.expiresOn ? endOfDay(input.expiresOn, ctx.profile.clock) : null,
      createdBy: admin.id,
    });
    await appendAudit(tx, {
      actor: { kind: 'staff', hostId: actor.hostId, staffId: admin.id },
      action: 'apiKey.create',
      entity: 'api_key',
      entityId: made.row.id,
      after: { name: input.name, scopes: input.scopes, placeIds, expiresOn: input.expiresOn || null },
    });
    return { key: present(made.row, now), secret: made.secret };
  });
}

async function insertNewKey(
  tx: Parameters<typeof repo.insertKey>[0],
  ctx: AppContext,
  fields: Omit<Parameters<typeof repo.insertKey>[1], 'mode' | 'secretHash' | 'hint'>,
) {
  const mode = ctx.config.demoMode ? 'test' : 'live';
  const secret = `kk_${mode}_${crypto.randomBytes(32).toString('base64url')}`;
  const row = await repo.insertKey(tx, {
    ...fields,
    mode,
    secretHash: hashSecret(secret),
    hint: secret.slice(-4),
  });
  return { row, secret };
}

/**
 * Rotate: a successor with the same name, scopes, places and expiry, shown once; the old key keeps
 * working for the grace period the administrator chose (0: stops at once), so a system can switch
 * without a gap.
 */
export async function rotateKey(
  ctx: AppContext,
  actor: CabinetActor,
  id: number,
  graceHours: number,
  now = new Date(),
) {
  const admin = await entityAdmin(ctx, actor);
  return ctx.db.transaction().execute(async (tx) => {
    const old = await repo.lockKey(tx, actor.hostId, id);
    if (!old) throw notFound('errors.apiKey.notFound');
    if (old.revoked_at || (old.expires_at && old.expires_at <= now))
      throw new AppError({ status: 409, code: 'key_inactive', messageKey: 'errors.apiKey.inactive' });
    const made = await insertNewKey(tx, ctx, {
      hostId: actor.hostId,
      name: old.name,
      scopes: old.scopes as ApiScope[],
      placeIds: old.place_ids,
      expiresAt: old.expires_at,
      createdBy: admin.id,
    });
    const graceEnds = new Date(now.getTime() + graceHours * 3600_000);
    const oldEnds = old.expires_at && old.expires_at < graceEnds ? old.expires_at : graceEnds;
    await repo.setExpiry(tx, id, oldEnds, made.row.id);
    await appendAudit(tx, {
      actor: { kind: 'staff', hostId: actor.hostId, staffId: admin.id },
      action: 'apiKey.rotate',
      entity: 'api_key',
      entityId: id,
      after: { successor: made.row.id, oldValidUntil: oldEnds.toISOString() },
    });
    return { key: present(made.row, now), secret: made.secret };
  });
}

export async function revokeKey(ctx: AppContext, actor: CabinetActor, id: number, now = new Date()) {
  const admin = await entityAdmin(ctx, actor);
  await ctx.db.transaction().execute(async (tx) => {
    const key = await repo.lockKey(tx, actor.hostId, id);
    if (!key) throw notFound('errors.apiKey.notFound');
    if (key.revoked_at) return;
    await repo.markRevoked(tx, id, now);
    await appendAudit(tx, {
      actor: { kind: 'staff', hostId: actor.hostId, staffId: admin.id },
      action: 'apiKey.revoke',
      entity: 'api_key',
      entityId: id,
    });
  });
  return { ok: true as const };
}

const keyError = (status: 401 | 403, code: string) =>
  new AppError({ status, code, messageKey: `errors.apiKey.${code}` });

/**
 * `Authorization: Bearer kk_…` → the key's principal, its use recorded (when, from where) on the
 * key and in the audit log; or a 401 saying which of missing, invalid, expired, revoked.
 */
export async function authenticateKey(
  ctx: AppContext,
  request: { authorization: string | undefined; address: string; method: string; route: string },
  now = new Date(),
): Promise<KeyPrincipal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization ?? '');
  if (!match) throw keyError(401, 'key_missing');
  const secret = match[1]!;
  if (!SECRET.test(secret)) throw keyError(401, 'key_invalid');
  const hash = hashSecret(secret);
  const key = await repo.findBySecretHash(ctx.db, hash);
  if (!key || !constantTimeEqual(key.secret_hash, hash)) throw keyError(401, 'key_invalid');
  if (key.revoked_at) throw keyError(401, 'key_revoked');
  if (key.expires_at && key.expires_at <= now) throw keyError(401, 'key_expired');
  await ctx.db.transaction().execute(async (tx) => {
    await repo.markUsed(tx, key.id, now, request.address);
    await appendAudit(tx, {
      actor: { kind: 'apiKey', hostId: key.host_id, keyId: key.id },
      action: 'apiKey.use',
      entity: 'api_key',
      entityId: key.id,
      after: { address: request.address, method: request.method, route: request.route },
    });
  });
  return {
    keyId: key.id,
    hostId: key.host_id,
    mode: key.mode,
    scopes: key.scopes as ApiScope[],
    placeIds: key.place_ids,
  };
}

/** A key without the scope a route needs: 403 `scope_missing`. */
export function requireScope(principal: KeyPrincipal, scope: ApiScope): void {
  if (!principal.scopes.includes(scope)) throw keyError(403, 'scope_missing');
}

/** A key restricted to some places, used for another: 403 `place_not_allowed`. */
export function requirePlace(principal: KeyPrincipal, placeId: number): void {
  if (principal.placeIds && !principal.placeIds.includes(placeId)) throw keyError(403, 'place_not_allowed');
}

/**
 * The key that sent a batch, as it authorises the batch's rows: what it allowed when the batch was
 * accepted still holds for the rows worked through after (its scopes and places are read again).
 */
export async function batchKeyPrincipal(ctx: AppContext, keyId: number): Promise<KeyPrincipal> {
  const key = await repo.findKey(ctx.db, keyId);
  if (!key) throw new Error(`API key ${keyId} is gone`);
  return {
    keyId: key.id,
    hostId: key.host_id,
    mode: key.mode,
    scopes: key.scopes as ApiScope[],
    placeIds: key.place_ids,
  };
}
