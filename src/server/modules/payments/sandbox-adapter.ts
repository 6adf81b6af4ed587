import { z } from 'zod';
import { SANDBOX_PREFIX } from '../../sandbox-acquirer/sandbox.routes.js';
import { signatureProblem, signedHeaders } from '../../sandbox-acquirer/signature.js';
import { AcquirerUnavailable, type Acquirer, type PaymentState } from './acquirer.js';

const callbackBody = z.object({
  eventId: z.string().max(200),
  paymentRef: z.string().min(1).max(100),
  orderId: z.string().min(1).max(64),
  outcome: z.enum(['paid', 'failed', 'refunded']),
  amountMinor: z.number().int().nonnegative(),
  currency: z.string().max(3),
  failureReason: z.string().max(100).optional(),
});
const created = z.object({ paymentRef: z.string().min(1), redirectUrl: z.string().url() });
const status = z.object({
  orderId: z.string(),
  status: z.enum(['new', 'paid', 'declined', 'insufficient_funds', 'expired', 'refunded']),
  amountMinor: z.number().int(),
  currency: z.string(),
});

/** Konok's side of the built-in sandbox acquirer: its published HTTP API, nothing more. */
export function sandboxAdapter(options: { baseUrl: () => string; secret: Buffer }): Acquirer {
  const { secret } = options;
  const api = () => `${options.baseUrl()}${SANDBOX_PREFIX}/api`;

  async function call(method: 'GET' | 'POST', url: string, body?: unknown) {
    const raw = body === undefined ? undefined : JSON.stringify(body);
    const payload = raw ?? `GET ${new URL(url).pathname}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          ...(raw ? { 'content-type': 'application/json' } : {}),
          ...signedHeaders(secret, payload),
        },
        body: raw,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new AcquirerUnavailable(`sandbox acquirer unreachable: ${(error as Error).message}`);
    }
    const json = (await response.json().catch(() => undefined)) as unknown;
    if (!response.ok) throw new AcquirerUnavailable(`sandbox acquirer answered ${response.status}`);
    return json;
  }

  return {
    name: 'sandbox',
    async createPayment(input) {
      const answer = created.safeParse(
        await call('POST', `${api()}/payments`, { ...input, expiresAt: input.expiresAt.toISOString() }),
      );
      if (!answer.success) throw new AcquirerUnavailable('sandbox acquirer: unexpected answer');
      return answer.data;
    },
    verifyCallback(request) {
      const problem = signatureProblem(secret, request.headers, request.rawBody);
      let json: unknown;
      try {
        json = JSON.parse(request.rawBody);
      } catch {
        return { ok: false, reason: problem ?? 'malformed body' };
      }
      const parsed = callbackBody.safeParse(json);
      const claimed = parsed.success
        ? { paymentRef: parsed.data.paymentRef, orderId: parsed.data.orderId }
        : {};
      if (problem) return { ok: false, reason: problem, claimed };
      if (!parsed.success) return { ok: false, reason: 'malformed body', claimed };
      const c = parsed.data;
      return {
        ok: true,
        event: {
          paymentRef: c.paymentRef,
          orderId: c.orderId,
          event: c.outcome,
          outcome: c.outcome,
          amountMinor: c.amountMinor,
          currency: c.currency,
          failureReason: c.failureReason,
        },
      };
    },
    acknowledge(event, decision, reason) {
      return {
        status: event ? 200 : 400,
        contentType: 'application/json',
        body: JSON.stringify({ status: decision, ...(reason ? { reason } : {}) }),
      };
    },
    async getStatus(paymentRef): Promise<PaymentState> {
      const answer = status.safeParse(
        await call('GET', `${api()}/payments/${encodeURIComponent(paymentRef)}`),
      );
      if (!answer.success) throw new AcquirerUnavailable('sandbox acquirer: unexpected status');
      const s = answer.data;
      const base = { amountMinor: s.amountMinor, currency: s.currency, orderId: s.orderId };
      switch (s.status) {
        case 'new':
          return { status: 'pending', ...base };
        case 'paid':
          return { status: 'paid', ...base };
        case 'refunded':
          return { status: 'refunded', ...base };
        case 'expired':
          return { status: 'expired', ...base };
        default:
          return { status: 'failed', failureReason: s.status, ...base };
      }
    },
    async refund(paymentRef, amountMinor) {
      await call('POST', `${api()}/payments/${encodeURIComponent(paymentRef)}/refund`, { amountMinor });
      return { refunded: true };
    },
  };
}
