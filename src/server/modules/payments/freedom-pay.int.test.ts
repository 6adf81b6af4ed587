import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeHost,
  addProperty,
  foreignerFields,
  registrationDocuments,
} from '../../../../tests/support/factories';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { parseResponse, pgSignature, signedResponse } from './freedom-pay';
import { checkQuietPayments } from './payments.service';

/**
 * A local server that follows Freedom Pay's published merchant protocol: every request's pg_sig is
 * checked, every answer is signed XML, and the result callback is form-encoded to pg_result_url.
 */
const MERCHANT = '550001';
const SECRET = 'fp-test-secret-key';

interface FakePayment {
  id: string;
  orderId: string;
  amount: string;
  currency: string;
  resultUrl: string;
  status: 'pending' | 'ok' | 'failed' | 'revoked';
}

function freedomPayServer() {
  const payments = new Map<string, FakePayment>();
  const requests: string[] = [];
  let next = 9_000_000;
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const script = (request.url ?? '').slice(1);
      const params = Object.fromEntries(new URLSearchParams(body));
      requests.push(script);
      const reply = (answer: Record<string, string>) =>
        response
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(signedResponse(script, answer, SECRET));
      if (params.pg_merchant_id !== MERCHANT || params.pg_sig !== pgSignature(script, params, SECRET))
        return reply({ pg_status: 'error', pg_error_code: '9998', pg_error_description: 'Bad signature' });
      if (script === 'init_payment.php') {
        const id = String((next += 1));
        payments.set(id, {
          id,
          orderId: params.pg_order_id!,
          amount: params.pg_amount!,
          currency: params.pg_currency!,
          resultUrl: params.pg_result_url!,
          status: 'pending',
        });
        return reply({
          pg_status: 'ok',
          pg_payment_id: id,
          pg_redirect_url: `https://pay.example.kg/pay.html?id=${id}`,
        });
      }
      const payment = payments.get(params.pg_payment_id ?? '');
      if (!payment)
        return reply({ pg_status: 'error', pg_error_code: '340', pg_error_description: 'Not found' });
      if (script === 'get_status2.php')
        return reply({
          pg_status: 'ok',
          pg_payment_id: payment.id,
          pg_order_id: payment.orderId,
          pg_amount: payment.amount,
          pg_currency: payment.currency,
          pg_payment_status: payment.status,
        });
      if (script === 'revoke.php') {
        payment.status = 'revoked';
        return reply({ pg_status: 'ok' });
      }
      response.writeHead(404).end();
    });
  });
  /** The payer paid (or failed); the result goes to Konok's result URL, signed, unless `lost`. */
  async function complete(
    id: string,
    options: { success?: boolean; tamper?: Record<string, string>; forge?: boolean } = {},
  ) {
    const payment = payments.get(id)!;
    payment.status = options.success === false ? 'failed' : 'ok';
    const script = new URL(payment.resultUrl).pathname.split('/').pop()!;
    const params: Record<string, string> = {
      pg_order_id: payment.orderId,
      pg_payment_id: payment.id,
      pg_amount: payment.amount,
      pg_currency: payment.currency,
      pg_result: options.success === false ? '0' : '1',
      pg_can_reject: '1',
      pg_payment_system: 'EPAYWEBKGS',
      pg_card_pan: '4111-11XX-XXXX-1111',
      pg_salt: 'salt123',
      ...(options.success === false ? { pg_failure_code: '101', pg_failure_description: 'Declined' } : {}),
    };
    params.pg_sig = options.forge ? 'f'.repeat(32) : pgSignature(script, params, SECRET);
    Object.assign(params, options.tamper ?? {});
    const response = await fetch(payment.resultUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    const xml = await response.text();
    const answer = parseResponse(xml);
    return { status: response.status, answer, signed: answer.pg_sig === pgSignature(script, answer, SECRET) };
  }
  return { server, payments, requests, complete };
}

let t: TestApp;
let host: TestClient;
let pin: string;
let propertyId: number;
let documents: { passportDocumentId: number; photoDocumentId: number };
let fake: ReturnType<typeof freedomPayServer>;
let counter = 0;

beforeAll(async () => {
  fake = freedomPayServer();
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  t = await buildTestApp({ acquirer: { kind: 'freedompay', merchantId: MERCHANT, secret: SECRET, apiUrl } });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  host = new TestClient(t.app);
  ({ pin } = await activeHost(host, t.db));
  const code = (
    await t.db.selectFrom('property_registry').select('code').orderBy('code').executeTakeFirstOrThrow()
  ).code;
  propertyId = await addProperty(host, code, 50);
  documents = await registrationDocuments(host);
});
afterAll(async () => {
  await t.close();
  fake.server.close();
});

async function pendingPayment() {
  counter += 1;
  const data = foreignerFields(propertyId, {
    ...documents,
    passportNumber: `FP${String(counter).padStart(6, '0')}`,
  });
  const created = (await host.post('/api/registrations', { data, pin })).json() as { id: number };
  const started = await host.post(`/api/registrations/${created.id}/payment`);
  expect(started.statusCode, started.body).toBe(200);
  const { redirectUrl, orderId } = started.json() as { redirectUrl: string; orderId: string };
  const paymentId = new URL(redirectUrl).searchParams.get('id')!;
  return { id: created.id, orderId, paymentId, redirectUrl };
}
const status = async (id: number) =>
  (await t.db.selectFrom('registrations').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;

describe('the Freedom Pay adapter, against a server speaking its protocol', () => {
  it('init_payment.php with a valid pg_sig, amount in som, the payer sent to its page', async () => {
    const p = await pendingPayment();
    expect(p.redirectUrl).toMatch(/^https:\/\/pay\.example\.kg\/pay\.html\?id=\d+$/);
    expect(fake.payments.get(p.paymentId)).toMatchObject({
      orderId: p.orderId,
      amount: '103.00',
      currency: 'KGS',
    });
    expect(fake.payments.get(p.paymentId)!.resultUrl).toMatch(/\/api\/payments\/callback\/freedompay$/);
  });

  it('a signed result is acknowledged with signed XML, once; the application is submitted', async () => {
    const p = await pendingPayment();
    const first = await fake.complete(p.paymentId);
    expect(first).toMatchObject({ status: 200, answer: { pg_status: 'ok' }, signed: true });
    expect(await status(p.id)).toBe('submitted');
    const again = await fake.complete(p.paymentId);
    expect(again.answer.pg_status).toBe('ok');
    const transitions = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'registration.pay')
      .where('entity_id', '=', String(p.id))
      .execute();
    expect(transitions).toHaveLength(1);
  });

  it('a failed payment leaves the application awaiting payment', async () => {
    const p = await pendingPayment();
    expect((await fake.complete(p.paymentId, { success: false })).answer.pg_status).toBe('ok');
    expect(await status(p.id)).toBe('awaiting_payment');
    const payment = await t.db
      .selectFrom('payments')
      .selectAll()
      .where('order_id', '=', p.orderId)
      .executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ status: 'failed', failure_reason: 'Declined' });
  });

  it('a forged pg_sig or a changed amount is rejected', async () => {
    const p = await pendingPayment();
    const forged = await fake.complete(p.paymentId, { forge: true });
    expect(forged.answer).toMatchObject({ pg_status: 'rejected', pg_description: 'bad signature' });
    const tampered = await fake.complete(p.paymentId, { tamper: { pg_amount: '1.00' } });
    expect(tampered.answer.pg_status).toBe('rejected');
    expect(await status(p.id)).toBe('awaiting_payment');
  });

  it('a lost result is found by get_status2.php; a cancellation is refunded by revoke.php', async () => {
    const p = await pendingPayment();
    fake.payments.get(p.paymentId)!.status = 'ok'; // paid, but the result never came
    await checkQuietPayments(t.app.ctx, 0);
    expect(await status(p.id)).toBe('submitted');
    const cancelled = await host.post(`/api/registrations/${p.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', refund: true });
    expect(fake.payments.get(p.paymentId)!.status).toBe('revoked');
    expect(fake.requests).toContain('revoke.php');
  });
});
