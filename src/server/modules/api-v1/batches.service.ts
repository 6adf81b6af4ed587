import crypto from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError, badRequest, notFound } from '../../http/errors.js';
import { isLanguage } from '../../http/i18n.js';
import { decryptField, encryptField } from '../../security/crypto.js';
import type { Language } from '../../../shared/profiles/index.js';
import { controlCharacterErrors, MAX_BATCH_ROWS } from '../../../shared/schemas/index.js';
import { batchKeyPrincipal, requireScope, type KeyPrincipal } from '../api-keys/api-keys.service.js';
import { registerGuest } from './api-registrations.service.js';
import * as repo from './batches.repo.js';

/** A row's problem as kept: its field and the message key (the stable code), said on reading. */
interface RowError {
  field: string;
  code: string;
}

/**
 * A batch accepted whole or not at all: its rows written (each guest's data encrypted, as
 * everywhere), to be worked through in the background. 202 with its id; `wake` starts the worker.
 */
export async function acceptBatch(
  ctx: AppContext,
  key: KeyPrincipal,
  input: { source: 'json' | 'csv'; guests: unknown[]; columns?: string[]; language: Language },
) {
  requireScope(key, 'registrations:write');
  if (input.guests.length === 0)
    throw new AppError({ status: 400, code: 'batch_empty', messageKey: 'errors.api.batch_empty' });
  if (input.guests.length > MAX_BATCH_ROWS)
    throw new AppError({
      status: 400,
      code: 'batch_too_many_rows',
      messageKey: 'errors.api.batch_too_many_rows',
      details: { max: MAX_BATCH_ROWS, rows: input.guests.length },
    });
  const id = crypto.randomUUID();
  await ctx.db.transaction().execute((tx) =>
    repo.insertBatch(tx, {
      id,
      keyId: key.keyId,
      hostId: key.hostId,
      source: input.source,
      language: input.language,
      columns: input.columns ?? null,
      rows: input.guests.map((guest) =>
        encryptField(ctx.secrets.fieldEncryptionKey, JSON.stringify(guest ?? null)),
      ),
    }),
  );
  return { id, total: input.guests.length, status: 'processing' as const };
}

/** A JSON batch's body: `{ "guests": [ … ] }`. */
export function guestsOf(body: unknown): unknown[] {
  const guests = (body as { guests?: unknown } | null)?.guests;
  if (!Array.isArray(guests)) throw badRequest({ guests: 'errors.api.guests' });
  return guests;
}

/** Progress and each row's result, its errors in the reader's language (and column, for a CSV). */
export async function batchProgress(ctx: AppContext, key: KeyPrincipal, id: string, language: Language) {
  const batch = await repo.findBatch(ctx.db, key.hostId, id);
  if (!batch) throw notFound('errors.api.batchNotFound');
  const rows = await repo.batchRows(ctx.db, id);
  const count = (state: string) => rows.filter((r) => r.state === state).length;
  const column = (field: string) => {
    const at = batch.columns?.indexOf(field.split('.')[0]!) ?? -1;
    return at >= 0 ? at + 1 : null;
  };
  const message = (code: string) =>
    ctx.translate(language, code.startsWith('errors.') ? code : `errors.apiKey.${code}`, {
      example: ctx.profile.propertyCode.example,
    });
  return {
    id,
    status: count('pending') > 0 ? ('processing' as const) : ('done' as const),
    total: batch.total,
    accepted: count('accepted'),
    rejected: count('rejected'),
    pending: count('pending'),
    rows: rows.map((r) => ({
      row: r.row_no,
      status: r.state,
      applicationNumber: r.application_number,
      errors: r.errors
        ? (r.errors as RowError[]).map((e) => ({
            field: e.field,
            column: column(e.field),
            code: e.code,
            message: message(e.code),
          }))
        : null,
    })),
  };
}

/** What a refused row says: each field's problem, or the refusal as a whole. */
function rowErrors(error: AppError): RowError[] {
  const fields = Object.entries(error.fields);
  if (fields.length > 0) return fields.map(([field, code]) => ({ field, code }));
  // A key without this row's place: the place is what is wrong.
  const field = error.code === 'place_not_allowed' ? 'propertyId' : '_';
  return [{ field, code: error.code === 'validation' ? error.messageKey : error.code }];
}

/**
 * One claimed row through the form's own submission. Accepted: the row says so in the
 * application's own transaction, so a batch's accepted rows are exactly the applications made.
 */
async function processRow(ctx: AppContext, row: Awaited<ReturnType<typeof repo.claimRows>>[number]) {
  const at = { batchId: row.batch_id, rowNo: row.row_no };
  const guest: unknown = row.input_enc
    ? JSON.parse(decryptField(ctx.secrets.fieldEncryptionKey, row.input_enc))
    : null;
  const language = isLanguage(row.language) ? row.language : 'ru';
  const control = controlCharacterErrors(guest);
  try {
    if (Object.keys(control).length > 0) throw badRequest(control);
    const key = await batchKeyPrincipal(ctx, row.key_id);
    await registerGuest(ctx, key, guest, {
      language,
      within: async (tx, created) => {
        if (
          !(await repo.decideRow(tx, at, { state: 'accepted', applicationNumber: created.applicationNumber }))
        )
          // Another worker decided this row meanwhile: this application must not exist.
          throw new Error('batch row decided twice');
      },
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await repo.decideRow(ctx.db, at, { state: 'rejected', errors: rowErrors(error) });
  }
}

/** Works through pending rows until none is left; how many rows it decided. */
export async function processBatches(ctx: AppContext, log?: FastifyBaseLogger, leaseMs = 60_000) {
  let done = 0;
  for (;;) {
    const rows = await repo.claimRows(ctx.db, 20, leaseMs);
    if (rows.length === 0) return done;
    for (const row of rows) {
      try {
        await processRow(ctx, row);
      } catch (error) {
        // A fault of Konok's, not the row's: said as such, and the others go on.
        log?.error(
          { err: { type: (error as Error).name, message: (error as Error).message } },
          'batch row failed',
        );
        await repo.decideRow(
          ctx.db,
          { batchId: row.batch_id, rowNo: row.row_no },
          {
            state: 'rejected',
            errors: [{ field: '_', code: 'errors.internal' }],
          },
        );
      }
      done++;
    }
    for (const batchId of new Set(rows.map((r) => r.batch_id)))
      await repo.markFinishedIfDone(ctx.db, batchId);
  }
}

/**
 * The background worker: rows wait in the database, so a restart loses none; it polls, and is
 * woken at once when a batch is accepted here.
 */
export function startBatchWorker(ctx: AppContext, log: FastifyBaseLogger, pollMs = 2_000) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = processBatches(ctx, log)
      .then(
        () => undefined,
        (error: unknown) => log.warn({ err: (error as Error).message }, 'batch worker run failed'),
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, pollMs);
  timer.unref();
  run();
  return {
    wake: run,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
