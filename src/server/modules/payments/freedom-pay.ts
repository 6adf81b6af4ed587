import crypto from 'node:crypto';
import { AcquirerUnavailable, type Acquirer, type PaymentState } from './acquirer.js';

/**
 * Freedom Pay (formerly PayBox), a card acquirer licensed in Kyrgyzstan, by its published merchant
 * API: form-encoded requests to `init_payment.php`, `get_status2.php` and `revoke.php`, each signed
 * with `pg_sig` = MD5 of the script name, the values sorted by parameter name and the secret key,
 * joined by ';'. Answers and the acknowledgement of a result callback are signed XML. Amounts are
 * in major units ("103.00").
 */
export const FREEDOM_PAY_API = 'https://api.freedompay.kg';

type Params = Record<string, string>;

export function pgSignature(script: string, params: Params, secretKey: string): string {
  const values = Object.keys(params)
    .filter((key) => key !== 'pg_sig')
    .sort()
    .map((key) => params[key]);
  return crypto
    .createHash('md5')
    .update([script, ...values, secretKey].join(';'))
    .digest('hex');
}

const signatureMatches = (script: string, params: Params, secretKey: string) => {
  const given = Buffer.from(String(params.pg_sig ?? ''), 'utf8');
  const expected = Buffer.from(pgSignature(script, params, secretKey), 'utf8');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
};

const xmlEscape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
const xmlUnescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The flat <response> of the merchant API: one element per parameter. */
export function parseResponse(xml: string): Params {
  const body = /<response>([\s\S]*)<\/response>/.exec(xml)?.[1] ?? '';
  const params: Params = {};
  for (const match of body.matchAll(/<(pg_[a-z0-9_]+)>([^<]*)<\/\1>/g))
    params[match[1]!] = xmlUnescape(match[2]!);
  return params;
}

export function signedResponse(script: string, params: Params, secretKey: string): string {
  const all = { ...params, pg_salt: crypto.randomBytes(8).toString('hex') };
  const signed = { ...all, pg_sig: pgSignature(script, all, secretKey) };
  return `<?xml version="1.0" encoding="utf-8"?>\n<response>${Object.entries(signed)
    .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
    .join('')}</response>`;
}

const toMajor = (minor: number) => (minor / 100).toFixed(2);
const toMinor = (major: string) => (/^\d+(\.\d{1,2})?$/.test(major) ? Math.round(Number(major) * 100) : NaN);

export function freedomPayAdapter(options: {
  merchantId: string;
  secretKey: string;
  apiUrl?: string;
}): Acquirer {
  const { merchantId, secretKey } = options;
  const apiUrl = (options.apiUrl ?? FREEDOM_PAY_API).replace(/\/$/, '');

  async function call(script: string, params: Params): Promise<Params> {
    const all: Params = {
      ...params,
      pg_merchant_id: merchantId,
      pg_salt: crypto.randomBytes(8).toString('hex'),
    };
    all.pg_sig = pgSignature(script, all, secretKey);
    let text: string;
    try {
      const response = await fetch(`${apiUrl}/${script}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(all).toString(),
        signal: AbortSignal.timeout(15_000),
      });
      text = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    } catch (error) {
      throw new AcquirerUnavailable(`Freedom Pay ${script}: ${(error as Error).message}`);
    }
    const answer = parseResponse(text);
    if (!signatureMatches(script, answer, secretKey))
      throw new AcquirerUnavailable(`Freedom Pay ${script}: the answer's signature does not match`);
    if (answer.pg_status !== 'ok')
      throw new AcquirerUnavailable(
        `Freedom Pay ${script}: ${answer.pg_error_code ?? answer.pg_status ?? 'error'}`,
      );
    return answer;
  }

  return {
    name: 'freedompay',
    async createPayment(input) {
      const answer = await call('init_payment.php', {
        pg_order_id: input.orderId,
        pg_amount: toMajor(input.amountMinor),
        pg_currency: input.currency,
        pg_description: input.description,
        pg_result_url: input.resultUrl,
        pg_request_method: 'POST',
        pg_success_url: input.returnUrl,
        pg_failure_url: input.returnUrl,
        pg_lifetime: String(Math.max(300, Math.round((input.expiresAt.getTime() - Date.now()) / 1000))),
        pg_language: input.language === 'en' ? 'en' : 'ru',
      });
      if (!answer.pg_payment_id || !answer.pg_redirect_url)
        throw new AcquirerUnavailable('Freedom Pay init_payment.php: no payment id or redirect URL');
      return { paymentRef: answer.pg_payment_id, redirectUrl: answer.pg_redirect_url };
    },
    verifyCallback(request) {
      const params = Object.fromEntries(new URLSearchParams(request.rawBody)) as Params;
      const claimed = { paymentRef: params.pg_payment_id, orderId: params.pg_order_id };
      if (!signatureMatches(request.scriptName, params, secretKey))
        return { ok: false, reason: 'bad signature', claimed };
      const amountMinor = toMinor(params.pg_amount ?? '');
      if (
        !params.pg_payment_id ||
        !params.pg_order_id ||
        !Number.isFinite(amountMinor) ||
        !params.pg_currency
      )
        return { ok: false, reason: 'malformed body', claimed };
      const outcome = params.pg_result === '1' ? 'paid' : 'failed';
      return {
        ok: true,
        event: {
          paymentRef: params.pg_payment_id,
          orderId: params.pg_order_id,
          event: outcome,
          outcome,
          amountMinor,
          currency: params.pg_currency,
          failureReason: params.pg_failure_description || params.pg_failure_code || undefined,
        },
      };
    },
    acknowledge(event, decision, reason) {
      // The acknowledgement is signed with the result URL's script name, which the callback carried.
      return {
        status: 200,
        contentType: 'application/xml; charset=utf-8',
        body: signedResponse(
          'freedompay',
          {
            pg_status: decision === 'accepted' ? 'ok' : 'rejected',
            pg_description: reason ?? (decision === 'accepted' ? 'Accepted' : 'Rejected'),
          },
          secretKey,
        ),
      };
    },
    async getStatus(paymentRef): Promise<PaymentState> {
      const answer = await call('get_status2.php', { pg_payment_id: paymentRef });
      const base = {
        amountMinor: toMinor(answer.pg_amount ?? ''),
        currency: answer.pg_currency,
        orderId: answer.pg_order_id,
      };
      switch (answer.pg_payment_status) {
        case 'ok':
        case 'success':
          return { status: 'paid', ...base };
        case 'pending':
        case 'partial':
          return { status: 'pending', ...base };
        case 'revoked':
        case 'refunded':
          return { status: 'refunded', ...base };
        case 'failed':
        case 'incomplete':
          return {
            status: 'failed',
            failureReason: answer.pg_failure_description ?? answer.pg_payment_status,
            ...base,
          };
        default:
          return { status: 'unknown', ...base };
      }
    },
    async refund(paymentRef, amountMinor) {
      await call('revoke.php', { pg_payment_id: paymentRef, pg_refund_amount: toMajor(amountMinor) });
      return { refunded: true };
    },
  };
}
