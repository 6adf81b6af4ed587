import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db, DbOrTx } from '../db/database.js';
import { luhnValid, TEST_CARDS } from './cards.js';
import { messagePage, pageLanguage, paymentPage, type FieldError, type FieldName } from './page.js';
import * as repo from './sandbox.repo.js';
import { signatureProblem, signedHeaders } from './signature.js';

/**
 * A card acquirer of our own for development and tests, mounted under /sandbox-acquirer. It keeps
 * its own books and its own secret, and meets Konok only over HTTP, as a real one would: Konok
 * creates a payment through its API and sends the payer to its page; it calls Konok's result URL
 * with a signed callback, retrying until acknowledged; Konok may ask it for a payment's status.
 */
export const SANDBOX_PREFIX = '/sandbox-acquirer';

const assets = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
const PAGE_JS = fs.readFileSync(path.join(assets, 'page.js'));
const PAGE_CSS = fs.readFileSync(path.join(assets, 'page.css'));

const createBody = z.object({
  orderId: z.string().min(1).max(64),
  amountMinor: z.number().int().positive().max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/),
  description: z.string().max(200),
  returnUrl: z.string().url().max(500),
  resultUrl: z.string().url().max(500),
  expiresAt: z.string().datetime(),
  idempotencyKey: z.string().min(1).max(100),
  language: z.string().max(5).default('ru'),
});
const refundBody = z.object({ amountMinor: z.number().int().positive() });

/** How long the callback of a "delayed" test card waits; and the retry schedule. */
const DELAY_MS = 3000;
const MAX_ATTEMPTS = 12;
const backoffMs = (attempts: number) => Math.min(60_000, 500 * 2 ** (attempts - 1));

export interface SandboxAcquirer {
  /** Delivers the callbacks that are due; the loop calls it, and tests may too. */
  deliverDue(): Promise<number>;
  stop(): void;
}

export async function sandboxAcquirer(
  app: FastifyInstance,
  options: { db: Db; secret: Buffer; log: FastifyBaseLogger; deliverEveryMs?: number },
): Promise<SandboxAcquirer> {
  const { db, secret } = options;
  const formToken = (ref: string) =>
    crypto.createHmac('sha256', secret).update(`form:${ref}`).digest('base64url');
  const cardPage = (
    payment: NonNullable<Awaited<ReturnType<typeof repo.findPayment>>>,
    shown: Pick<Parameters<typeof paymentPage>[0], 'values' | 'errors'> = {},
  ) =>
    paymentPage({
      language: pageLanguage(payment.language),
      ref: payment.ref,
      orderId: payment.order_id,
      amountMinor: payment.amount_minor,
      currency: payment.currency,
      expiresAt: payment.expires_at,
      formToken: formToken(payment.ref),
      ...shown,
    });

  await app.register(
    async (sandbox) => {
      sandbox.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 4096 },
        (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
      );
      // Signatures are over the bytes received.
      sandbox.addContentTypeParser(
        'application/json',
        { parseAs: 'string', bodyLimit: 8192 },
        (_r, body, done) => done(null, body),
      );
      const refuse = (reply: FastifyReply, status: number, error: string) =>
        reply.status(status).send({ error });
      const signedJson = (request: FastifyRequest) => {
        const raw = typeof request.body === 'string' ? request.body : '';
        if (signatureProblem(secret, request.headers, raw)) return undefined;
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          return null;
        }
      };
      const noCsrf = { config: { csrf: false }, schema: { hide: true } };

      sandbox.get('/page.js', { schema: { hide: true } }, (_q, reply) =>
        reply.type('text/javascript; charset=utf-8').send(PAGE_JS),
      );
      sandbox.get('/page.css', { schema: { hide: true } }, (_q, reply) =>
        reply.type('text/css; charset=utf-8').send(PAGE_CSS),
      );

      sandbox.post('/api/payments', noCsrf, async (request, reply) => {
        const json = signedJson(request);
        if (json === undefined) return refuse(reply, 401, 'bad signature');
        const parsed = createBody.safeParse(json);
        if (!parsed.success) return refuse(reply, 400, 'malformed request');
        const p = parsed.data;
        const payment = await repo.insertPayment(db, {
          ref: `sbx_${crypto.randomBytes(18).toString('base64url')}`,
          idempotency_key: p.idempotencyKey,
          order_id: p.orderId,
          amount_minor: p.amountMinor,
          currency: p.currency,
          description: p.description,
          language: pageLanguage(p.language),
          return_url: p.returnUrl,
          result_url: p.resultUrl,
          expires_at: new Date(p.expiresAt),
          status: 'new',
        });
        const origin = `${request.protocol}://${request.host}`;
        return { paymentRef: payment.ref, redirectUrl: `${origin}${SANDBOX_PREFIX}/pay/${payment.ref}` };
      });

      sandbox.get('/api/payments/:ref', { schema: { hide: true } }, async (request, reply) => {
        const { ref } = request.params as { ref: string };
        if (signatureProblem(secret, request.headers, `GET ${request.url}`))
          return refuse(reply, 401, 'bad signature');
        const payment = await repo.findPayment(db, ref);
        if (!payment) return refuse(reply, 404, 'no such payment');
        const expired = payment.status === 'new' && payment.expires_at.getTime() < Date.now();
        return {
          paymentRef: payment.ref,
          orderId: payment.order_id,
          status: expired ? 'expired' : payment.status,
          amountMinor: payment.amount_minor,
          currency: payment.currency,
        };
      });

      sandbox.post('/api/payments/:ref/refund', noCsrf, async (request, reply) => {
        const json = signedJson(request);
        if (json === undefined) return refuse(reply, 401, 'bad signature');
        const parsed = refundBody.safeParse(json);
        if (!parsed.success) return refuse(reply, 400, 'malformed request');
        const { ref } = request.params as { ref: string };
        const payment = await repo.findPayment(db, ref);
        if (!payment) return refuse(reply, 404, 'no such payment');
        if (payment.status === 'refunded') return { refunded: true };
        if (!(await repo.markRefunded(db, ref, parsed.data.amountMinor)))
          return refuse(reply, 409, 'not refundable');
        await queueResult(payment, 'refunded', 'normal');
        return { refunded: true };
      });

      sandbox.get('/pay/:ref', { schema: { hide: true } }, async (request, reply) => {
        const { ref } = request.params as { ref: string };
        const payment = await repo.findPayment(db, ref);
        if (!payment) return reply.status(404).type('text/plain').send('Not found');
        const language = pageLanguage(payment.language);
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
        if (payment.status !== 'new') return messagePage(language, 'settled', payment.return_url);
        if (payment.expires_at.getTime() < Date.now())
          return messagePage(language, 'expired', payment.return_url);
        return cardPage(payment);
      });

      sandbox.post('/pay/:ref', noCsrf, async (request, reply) => {
        const { ref } = request.params as { ref: string };
        const form = (typeof request.body === 'object' && request.body ? request.body : {}) as Record<
          string,
          string
        >;
        const payment = await repo.findPayment(db, ref);
        if (!payment || typeof form.token !== 'string' || form.token !== formToken(ref))
          return reply.status(404).type('text/plain').send('Not found');
        const language = pageLanguage(payment.language);
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
        if (payment.status !== 'new') return messagePage(language, 'settled', payment.return_url);
        if (payment.expires_at.getTime() < Date.now())
          return messagePage(language, 'expired', payment.return_url);

        const { errors, card } = checkCardForm(form);
        if (Object.keys(errors).length > 0) {
          return reply.status(400).send(
            // Never the card number or the CVV back to the page.
            cardPage(payment, {
              values: { holder: form.holder, email: form.email, expiry: form.expiry },
              errors,
            }),
          );
        }
        const settled = await db.transaction().execute(async (tx) => {
          if (!(await repo.settlePayment(tx, ref, card!.outcome, card!.number.slice(-4)))) return false;
          await queueResult(
            payment,
            card!.outcome === 'paid' ? 'paid' : 'failed',
            card!.callback,
            card!.outcome,
            tx,
          );
          return true;
        });
        if (!settled) return messagePage(language, 'settled', payment.return_url);
        return reply.redirect(payment.return_url, 303);
      });
    },
    { prefix: SANDBOX_PREFIX },
  );

  async function queueResult(
    payment: { ref: string; order_id: string; amount_minor: number; currency: string; result_url: string },
    outcome: 'paid' | 'failed' | 'refunded',
    mode: (typeof TEST_CARDS)[number]['callback'],
    failureReason?: string,
    tx: DbOrTx = db,
  ) {
    await repo.queueCallback(tx, {
      ref: payment.ref,
      url: payment.result_url,
      body: JSON.stringify({
        eventId: `${payment.ref}:${outcome}`,
        paymentRef: payment.ref,
        orderId: payment.order_id,
        outcome,
        amountMinor: payment.amount_minor,
        currency: payment.currency,
        ...(outcome === 'failed' ? { failureReason } : {}),
      }),
      dueAt: new Date(Date.now() + (mode === 'delayed' ? DELAY_MS : 0)),
      dropFirst: mode === 'drop_first' ? 1 : mode === 'lost' ? MAX_ATTEMPTS : 0,
      repeat: mode === 'twice',
    });
  }

  async function deliverDue(): Promise<number> {
    const due = await repo.claimDueCallbacks(db, 20, 30_000);
    await Promise.all(
      due.map(async (callback) => {
        const acknowledged =
          callback.attempts > callback.drop_first && (await post(callback.url, callback.body));
        if (acknowledged && callback.repeat)
          await repo.scheduleRepeat(db, callback.id, new Date(Date.now() + 300));
        else if (acknowledged) await repo.markDelivered(db, callback.id);
        else
          await repo.scheduleRetry(
            db,
            callback.id,
            callback.attempts >= MAX_ATTEMPTS ? 'never' : new Date(Date.now() + backoffMs(callback.attempts)),
          );
      }),
    );
    return due.length;
  }

  /** True when the merchant acknowledged the callback (accepted or, deliberately, rejected). */
  async function post(url: string, body: string): Promise<boolean> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(secret, body) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      const reply = (await response.json().catch(() => ({}))) as { status?: string };
      return response.ok && (reply.status === 'accepted' || reply.status === 'rejected');
    } catch (error) {
      options.log.warn({ err: (error as Error).message }, 'sandbox acquirer: callback not delivered');
      return false;
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let running = false;
  if (options.deliverEveryMs) {
    timer = setInterval(() => {
      if (running) return;
      running = true;
      deliverDue()
        .catch((error: Error) =>
          options.log.warn({ err: error.message }, 'sandbox acquirer: delivery failed'),
        )
        .finally(() => (running = false));
    }, options.deliverEveryMs);
    timer.unref();
  }
  return { deliverDue, stop: () => clearInterval(timer) };
}

function checkCardForm(form: Record<string, string>) {
  const errors: Partial<Record<FieldName, FieldError>> = {};
  const digits = String(form.card ?? '').replace(/[\s-]/g, '');
  if (!luhnValid(digits)) errors.card = 'card';
  const expiry = /^(0[1-9]|1[0-2])\/?(\d{2})$/.exec(String(form.expiry ?? '').trim());
  const now = new Date();
  if (
    !expiry ||
    Number(`20${expiry[2]}`) * 12 + Number(expiry[1]) < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1
  )
    errors.expiry = 'expiry';
  if (!/^\d{3,4}$/.test(String(form.cvc ?? ''))) errors.cvc = 'cvc';
  if (!/^[A-Za-z][A-Za-z .'-]{1,59}$/.test(String(form.holder ?? '').trim())) errors.holder = 'holder';
  const email = String(form.email ?? '').trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'email';
  const card = TEST_CARDS.find((c) => c.number === digits);
  if (!errors.card && !card) errors.card = 'notTestCard';
  return { errors, card };
}
