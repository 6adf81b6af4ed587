import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import * as repo from './idempotency.repo.js';

/** How long a POST's answer is replayed to a retry with the same key. */
export const KEEP_HOURS = 24;
/** A claim unanswered this long was abandoned (its process died): another request may take it. */
const ABANDONED_MS = 120_000;
/** How long a retry waits for the first request with its key before it is told to come back. */
const WAIT_MS = 15_000;
const KEY = /^[\x21-\x7E]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request holds an Idempotency-Key's claim: its answer is kept for retries. */
    idempotencyClaim: { keyId: number; idempotencyKey: string } | null;
  }
}

const conflict = (status: number, code: string) =>
  new AppError({ status, code, messageKey: `errors.api.${code}` });

/** The request as bytes that differ exactly when the bodies differ (JSON as parsed, CSV as sent). */
function requestHash(request: FastifyRequest): string {
  const body = request.body;
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body ?? null));
  return crypto
    .createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url ?? ''}\n`)
    .update(bytes)
    .digest('hex');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `Idempotency-Key` on a POST, as Stripe's: the first request with a key does the work; a retry
 * with the same body gets the first answer (status and body) replayed; with another body, 422
 * `idempotency_key_reused`; one arriving while the first still works waits for its answer, and
 * gets 409 `idempotency_in_progress` if that takes too long. A 5xx is not kept: the retry redoes it.
 */
export function idempotencyHooks(db: Db) {
  async function preHandler(request: FastifyRequest, reply: FastifyReply, keyId: number) {
    if (request.method !== 'POST') return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    const idempotencyKey = Array.isArray(header) ? '' : header;
    if (!KEY.test(idempotencyKey)) throw conflict(400, 'idempotency_key_invalid');
    const hash = requestHash(request);
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if (await repo.claimKey(db, { keyId, idempotencyKey, requestHash: hash })) {
        request.idempotencyClaim = { keyId, idempotencyKey };
        return;
      }
      const first = await repo.findKey(db, keyId, idempotencyKey);
      if (!first) continue;
      if (first.request_hash !== hash) throw conflict(422, 'idempotency_key_reused');
      if (first.status_code !== null) {
        return reply
          .status(first.status_code)
          .header('content-type', 'application/json; charset=utf-8')
          .header('idempotent-replayed', 'true')
          .send(first.response_body);
      }
      if (first.created_at.getTime() < Date.now() - ABANDONED_MS) {
        await repo.releaseKey(db, keyId, idempotencyKey, new Date(Date.now() - ABANDONED_MS));
        continue;
      }
      if (Date.now() > deadline) throw conflict(409, 'idempotency_in_progress');
      await sleep(50 + Math.random() * 50);
    }
  }

  async function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    if (reply.statusCode >= 500 || typeof payload !== 'string')
      await repo.releaseKey(db, claim.keyId, claim.idempotencyKey);
    else await repo.saveAnswer(db, { ...claim, statusCode: reply.statusCode, body: payload });
    return payload;
  }

  return { preHandler, onSend };
}

/** Keys older than a day are forgotten: a retry after that is a new request. */
export const sweepIdempotencyKeys = (db: Db, now = new Date()) =>
  repo.deleteOlderThan(db, new Date(now.getTime() - KEEP_HOURS * 3600_000));
