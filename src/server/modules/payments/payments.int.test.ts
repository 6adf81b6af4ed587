import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeHost,
  addProperty,
  foreignerFields,
  registrationDocuments,
} from '../../../../tests/support/factories';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { payOnSandboxPage } from '../../sandbox-acquirer/payer';
import { signedHeaders } from '../../sandbox-acquirer/signature';
import { checkQuietPayments } from './payments.service';

let t: TestApp;
let host: TestClient;
let other: TestClient;
let pin: string;
let propertyId: number;
let documents: { passportDocumentId: number; photoDocumentId: number };
let base: string;
let passportCounter = 0;

beforeAll(async () => {
  t = await buildTestApp();
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  host = new TestClient(t.app);
  other = new TestClient(t.app);
  ({ pin } = await activeHost(host, t.db));
  await activeHost(other, t.db);
  const code = (
    await t.db.selectFrom('property_registry').select('code').orderBy('code').executeTakeFirstOrThrow()
  ).code;
  propertyId = await addProperty(host, code, 50);
  documents = await registrationDocuments(host);
});
afterAll(async () => t.close());

/** A confirmed application awaiting payment, for a passport no other test uses. */
async function application(client = host, clientPin = pin) {
  passportCounter += 1;
  const data = foreignerFields(propertyId, {
    ...documents,
    passportNumber: `PAY${String(passportCounter).padStart(5, '0')}`,
    phone: `+49 151 000${String(passportCounter).padStart(5, '0')}`,
    email: `guest${passportCounter}@example.de`,
  });
  const response = await client.post('/api/registrations', { data, pin: clientPin });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; applicationNumber: string };
}

async function startPayment(id: number, client = host) {
  const response = await client.post(`/api/registrations/${id}/payment`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { orderId: string; redirectUrl: string };
}

/** The payer on the sandbox's page, over real HTTP: the page, then the card form. */
const payOnPage = (redirectUrl: string, card: Record<string, string>) =>
  payOnSandboxPage(redirectUrl, { holder: 'ANNA MULLER', email: 'anna@example.de', ...card });

const deliver = () => t.app.sandboxAcquirer!.deliverDue();
const applicationStatus = async (id: number) =>
  (await t.db.selectFrom('registrations').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;
const payments = (id: number) =>
  t.db.selectFrom('payments').selectAll().where('registration_id', '=', id).orderBy('id').execute();
const auditCount = async (id: number, action: string) =>
  (
    await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity', '=', 'registration')
      .where('entity_id', '=', String(id))
      .where('action', '=', action)
      .executeTakeFirstOrThrow()
  ).n.toString();

/** A callback as the sandbox would send it, signed with its secret (or not). */
async function callback(body: Record<string, unknown>, options: { sign?: boolean; raw?: string } = {}) {
  const raw = options.raw ?? JSON.stringify(body);
  const headers =
    options.sign === false
      ? {
          'x-sandbox-timestamp': String(Math.floor(Date.now() / 1000)),
          'x-sandbox-signature': 'ab'.repeat(32),
        }
      : signedHeaders(t.app.ctx.secrets.sandboxAcquirerSecret, raw);
  const response = await fetch(`${base}/api/payments/callback/sandbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: raw,
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as { status?: string } };
}

describe('paying the fee through the sandbox acquirer, over HTTP', () => {
  it('a successful card: the callback submits the application and tells the host and the foreigner', async () => {
    const app = await application();
    const started = await startPayment(app.id);
    expect(started.orderId).toBe(`${app.applicationNumber}-1`);
    expect(started.redirectUrl).toMatch(new RegExp(`^${base}/sandbox-acquirer/pay/sbx_`));

    const page = await (await fetch(started.redirectUrl)).text();
    expect(page).toContain(`№${started.orderId}`);
    expect(page).toContain('Pay 103.00 KGS');
    expect(page).toMatch(/data-seconds="(1[01]\d\d|119\d|1200)"/); // about 20 minutes left

    const paid = await payOnPage(started.redirectUrl, {});
    expect(paid.status).toBe(303);
    expect(paid.location).toBe(`${base}/cabinet/payment/${started.orderId}`);
    expect(await applicationStatus(app.id)).toBe('awaiting_payment'); // nothing until the callback
    expect(await deliver()).toBe(1);

    expect(await applicationStatus(app.id)).toBe('submitted');
    expect(await payments(app.id)).toMatchObject([{ status: 'paid', amount_minor: 10_300, currency: 'KGS' }]);
    const messages = await t.db
      .selectFrom('outbox')
      .select(['channel', 'recipient', 'subject'])
      .where('body', 'like', `%${app.applicationNumber}%`)
      .execute();
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          channel: 'email',
          subject: `Konok: application ${app.applicationNumber} paid and submitted`,
        }),
        expect.objectContaining({ channel: 'email', recipient: `guest${passportCounter}@example.de` }),
        expect.objectContaining({
          channel: 'sms',
          recipient: `49151000${String(passportCounter).padStart(5, '0')}`,
        }),
      ]),
    );
    expect(messages).toHaveLength(4); // host e-mail and SMS, foreigner e-mail and SMS

    const result = await host.get(`/api/payments/${started.orderId}`);
    expect(result.json()).toMatchObject({ status: 'paid', application: { id: app.id, status: 'submitted' } });
    const archive = (await host.get('/api/registrations?pageSize=50')).json() as {
      items: { id: number; paymentStatus: string; canPay: boolean }[];
    };
    expect(archive.items.find((i) => i.id === app.id)).toMatchObject({
      paymentStatus: 'paid',
      canPay: false,
    });
    // Paid once: a second «Оплатить» is refused.
    expect((await host.post(`/api/registrations/${app.id}/payment`)).statusCode).toBe(409);
  });

  it.each([
    ['4000 0000 0000 0002', 'declined'],
    ['4000000000009995', 'insufficient_funds'],
  ])('card %s fails (%s): the application keeps waiting and can be paid again', async (card, reason) => {
    const app = await application();
    const first = await startPayment(app.id);
    expect((await payOnPage(first.redirectUrl, { card })).status).toBe(303);
    await deliver();
    expect(await applicationStatus(app.id)).toBe('awaiting_payment');
    expect(await payments(app.id)).toMatchObject([{ status: 'failed', failure_reason: reason }]);
    expect((await host.get(`/api/payments/${first.orderId}`)).json()).toMatchObject({ status: 'failed' });

    const second = await startPayment(app.id);
    expect(second.orderId).toBe(`${app.applicationNumber}-2`);
    await payOnPage(second.redirectUrl, {});
    await deliver();
    expect(await applicationStatus(app.id)).toBe('submitted');
  });

  it('the page checks the card form and never echoes the card number', async () => {
    const app = await application();
    const { redirectUrl } = await startPayment(app.id);
    const wrong = await payOnPage(redirectUrl, {
      card: '4111 1111 1111 1112',
      expiry: '01/20',
      cvc: '12',
      holder: 'Анна',
      email: 'not-an-email',
    });
    expect(wrong.status).toBe(400);
    for (const message of [
      'Check the card number',
      'Enter the expiry as MM/YY, not in the past',
      'CVV2/CVC2 is the 3 digits',
      'The holder’s name in Latin letters',
      'Check the e-mail address',
    ])
      expect(wrong.html).toContain(message);
    expect(wrong.html).not.toContain('4111 1111 1111 1112');
    const notTest = await payOnPage(redirectUrl, { card: '4012 8888 8888 1881' });
    expect(notTest.html).toContain('This is not a test card');
    expect(await payments(app.id)).toMatchObject([{ status: 'pending' }]);
    // A second «Оплатить» while the attempt is open returns the same page.
    expect((await startPayment(app.id)).redirectUrl).toBe(redirectUrl);
  });

  it('a callback delivered twice makes one payment, one transition, one set of messages', async () => {
    const app = await application();
    const { redirectUrl } = await startPayment(app.id);
    await payOnPage(redirectUrl, { card: '4242424242424242' });
    await deliver();
    await new Promise((r) => setTimeout(r, 400));
    expect(await deliver()).toBe(1); // the repeat
    const inbox = await t.db
      .selectFrom('payment_callbacks')
      .selectAll()
      .where('order_id', '=', `${app.applicationNumber}-1`)
      .execute();
    expect(inbox).toMatchObject([{ signature_valid: true, outcome: 'accepted', event: 'paid' }]);
    expect(await auditCount(app.id, 'registration.pay')).toBe('1');
    const messages = await t.db
      .selectFrom('outbox')
      .select('id')
      .where('body', 'like', `%${app.applicationNumber}%`)
      .execute();
    expect(messages).toHaveLength(4);
  });

  it('the payer returns before the callback: Konok asks the acquirer; the late callback changes nothing', async () => {
    const app = await application();
    const { redirectUrl, orderId } = await startPayment(app.id);
    await payOnPage(redirectUrl, { card: '4000000000000259' }); // callback delayed 3 s
    expect(await deliver()).toBe(0);
    const returned = await host.get(`/api/payments/${orderId}`);
    expect(returned.json()).toMatchObject({ status: 'paid', application: { status: 'submitted' } });
    await new Promise((r) => setTimeout(r, 3100));
    expect(await deliver()).toBe(1);
    expect(await auditCount(app.id, 'registration.pay')).toBe('1');
    expect(await payments(app.id)).toMatchObject([{ status: 'paid' }]);
  });

  it('a dropped first callback arrives on the retry', async () => {
    const app = await application();
    const { redirectUrl } = await startPayment(app.id);
    await payOnPage(redirectUrl, { card: '4000000000000077' });
    expect(await deliver()).toBe(1); // dropped
    expect(await applicationStatus(app.id)).toBe('awaiting_payment');
    await new Promise((r) => setTimeout(r, 600));
    expect(await deliver()).toBe(1);
    expect(await applicationStatus(app.id)).toBe('submitted');
  });

  it('a callback that never comes: the status job finds the payment', async () => {
    const app = await application();
    const { redirectUrl } = await startPayment(app.id);
    await payOnPage(redirectUrl, { card: '5555555555554444' });
    await deliver();
    expect(await applicationStatus(app.id)).toBe('awaiting_payment');
    await checkQuietPayments(t.app.ctx, 0);
    expect(await applicationStatus(app.id)).toBe('submitted');
    expect(await payments(app.id)).toMatchObject([{ status: 'paid' }]);
  });

  it('an order not paid in 20 minutes expires; the page says so; the host pays again', async () => {
    const app = await application();
    const { redirectUrl, orderId } = await startPayment(app.id);
    const past = new Date(Date.now() - 1000);
    await t.db.updateTable('payments').set({ expires_at: past }).where('order_id', '=', orderId).execute();
    await t.db
      .updateTable('sandbox_acquirer_payments')
      .set({ expires_at: past })
      .where('order_id', '=', orderId)
      .execute();
    await checkQuietPayments(t.app.ctx, 0);
    expect(await payments(app.id)).toMatchObject([{ status: 'expired' }]);
    const page = await (await fetch(redirectUrl)).text();
    expect(page).toContain('The payment session has ended');
    expect(page).not.toContain('name="token"');
    const again = await startPayment(app.id);
    expect(again.orderId).toBe(`${app.applicationNumber}-2`);
    await payOnPage(again.redirectUrl, {});
    await deliver();
    expect(await applicationStatus(app.id)).toBe('submitted');
  });

  it('cancelling a paid application refunds the fee through the acquirer', async () => {
    const app = await application();
    const { redirectUrl } = await startPayment(app.id);
    await payOnPage(redirectUrl, {});
    await deliver();
    const cancelled = await host.post(`/api/registrations/${app.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', refund: true });
    expect(await payments(app.id)).toMatchObject([{ status: 'refunded' }]);
    await deliver(); // the acquirer's «refunded» callback: accepted, nothing more to do
    const inbox = await t.db
      .selectFrom('payment_callbacks')
      .select(['event', 'outcome'])
      .where('order_id', '=', `${app.applicationNumber}-1`)
      .orderBy('id')
      .execute();
    expect(inbox).toEqual([
      { event: 'paid', outcome: 'accepted' },
      { event: 'refunded', outcome: 'accepted' },
    ]);
  });

  it('money that arrives after the host cancelled goes back', async () => {
    const app = await application();
    const { redirectUrl } = await startPayment(app.id);
    expect((await host.post(`/api/registrations/${app.id}/cancel`)).json()).toMatchObject({ refund: false });
    await payOnPage(redirectUrl, {});
    await deliver();
    expect(await applicationStatus(app.id)).toBe('cancelled');
    expect(await payments(app.id)).toMatchObject([{ status: 'refund_pending' }]);
    await checkQuietPayments(t.app.ctx, 0);
    expect(await payments(app.id)).toMatchObject([{ status: 'refunded' }]);
  });
});

describe('callbacks that must not move money', () => {
  async function pendingPayment() {
    const app = await application();
    const started = await startPayment(app.id);
    const payment = (await payments(app.id))[0]!;
    return { app, ...started, paymentRef: payment.payment_ref! };
  }
  const genuine = (p: { paymentRef: string; orderId: string }) => ({
    eventId: `${p.paymentRef}:paid`,
    paymentRef: p.paymentRef,
    orderId: p.orderId,
    outcome: 'paid',
    amountMinor: 10_300,
    currency: 'KGS',
  });

  it('a forged signature is refused and logged, and does not block the genuine callback', async () => {
    const p = await pendingPayment();
    const forged = await callback(genuine(p), { sign: false });
    expect(forged).toEqual({ status: 400, body: { status: 'rejected', reason: 'bad signature' } });
    const unsigned = await fetch(`${base}/api/payments/callback/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(genuine(p)),
    });
    expect(unsigned.status).toBe(400);
    expect(await applicationStatus(p.app.id)).toBe('awaiting_payment');
    const refused = await t.db
      .selectFrom('payment_callbacks')
      .select(['signature_valid', 'outcome', 'reason'])
      .where('payment_ref', '=', p.paymentRef)
      .execute();
    expect(refused).toEqual([
      { signature_valid: false, outcome: 'rejected', reason: 'bad signature' },
      { signature_valid: false, outcome: 'rejected', reason: 'unsigned' },
    ]);
    expect((await callback(genuine(p))).body).toEqual({ status: 'accepted' });
    expect(await applicationStatus(p.app.id)).toBe('submitted');
  });

  it.each([
    ['a wrong amount', { amountMinor: 100 }, 'amount mismatch'],
    ['a wrong currency', { currency: 'USD' }, 'currency mismatch'],
    ['an unknown payment', { paymentRef: 'sbx_unknown' }, 'unknown payment'],
  ])('%s is rejected', async (_what, change, reason) => {
    const p = await pendingPayment();
    const answer = await callback({ ...genuine(p), ...change });
    expect(answer).toEqual({ status: 200, body: { status: 'rejected', reason } });
    expect(await applicationStatus(p.app.id)).toBe('awaiting_payment');
    expect(await payments(p.app.id)).toMatchObject([{ status: 'pending' }]);
  });

  it.each([
    ['a wrong amount', { amountMinor: 100 }],
    ['a wrong currency', { currency: 'USD' }],
    ['another order', { orderId: '2026-999999-1' }],
  ])(
    'a signed callback refused for %s does not make the genuine one look like a repeat',
    async (_what, change) => {
      const p = await pendingPayment();
      expect((await callback({ ...genuine(p), ...change })).body.status).toBe('rejected');
      expect((await callback(genuine(p))).body).toEqual({ status: 'accepted' });
      expect(await applicationStatus(p.app.id)).toBe('submitted');
      // Delivered again: acknowledged as applied, nothing moves twice.
      expect((await callback(genuine(p))).body).toEqual({ status: 'accepted' });
      expect(await payments(p.app.id)).toMatchObject([{ status: 'paid' }]);
      expect(await auditCount(p.app.id, 'registration.pay')).toBe('1');
      const inbox = await t.db
        .selectFrom('payment_callbacks')
        .select(['outcome'])
        .where('payment_ref', '=', p.paymentRef)
        .orderBy('id')
        .execute();
      expect(inbox).toEqual([{ outcome: 'rejected' }, { outcome: 'accepted' }]);
    },
  );

  it('mismatching and genuine callbacks arriving together: the payment is made once', async () => {
    const p = await pendingPayment();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        callback(i % 2 ? genuine(p) : { ...genuine(p), amountMinor: 1 + i }),
      ),
    );
    expect(answers.filter((x) => x.body.status === 'accepted')).toHaveLength(10);
    expect(answers.filter((x) => x.body.status === 'rejected')).toHaveLength(10);
    expect(await applicationStatus(p.app.id)).toBe('submitted');
    expect(await payments(p.app.id)).toMatchObject([{ status: 'paid' }]);
    expect(await auditCount(p.app.id, 'registration.pay')).toBe('1');
  });

  it('a signed callback with a control character in it is refused and kept without it', async () => {
    const p = await pendingPayment();
    const answer = await callback({ ...genuine(p), orderId: `${p.orderId}\u0000` });
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.status).toBe('rejected');
    const kept = await t.db
      .selectFrom('payment_callbacks')
      .select(['order_id', 'reason', 'signature_valid'])
      .where('payment_ref', '=', p.paymentRef)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({
      order_id: `${p.orderId}\uFFFD`,
      reason: 'control characters',
      signature_valid: false,
    });
    expect((await callback(genuine(p))).body).toEqual({ status: 'accepted' });
  });

  it('another order’s callback, replayed for this payment, is rejected', async () => {
    const a = await pendingPayment();
    const b = await pendingPayment();
    const answer = await callback({ ...genuine(a), orderId: b.orderId });
    expect(answer.body).toEqual({ status: 'rejected', reason: 'order mismatch' });
    expect(await applicationStatus(a.app.id)).toBe('awaiting_payment');
    expect(await applicationStatus(b.app.id)).toBe('awaiting_payment');
  });

  it('malformed callbacks get a 4xx, never a 500', async () => {
    for (const raw of ['', 'not json', '[]', '{"paymentRef":1}', 'null', '{"a":'.repeat(50)]) {
      const answer = await callback({}, { raw });
      expect(answer.status, raw).toBeGreaterThanOrEqual(400);
      expect(answer.status, raw).toBeLessThan(500);
    }
    const wrongType = await fetch(`${base}/api/payments/callback/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x--',
    });
    expect(wrongType.status).toBe(400);
    expect(
      (await fetch(`${base}/api/payments/callback/freedompay`, { method: 'POST', body: '' })).status,
    ).toBe(404);
  });
});

describe('the sandbox acquirer’s own routes', () => {
  it('refuse unsigned, stale and malformed requests, and never answer 500', async () => {
    const api = `${base}/sandbox-acquirer/api/payments`;
    const unsigned = await fetch(api, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unsigned.status).toBe(401);
    const secret = t.app.ctx.secrets.sandboxAcquirerSecret;
    for (const raw of ['{}', 'not json', '{"orderId":"x","amountMinor":-1}', '[]']) {
      const response = await fetch(api, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(secret, raw) },
        body: raw,
      });
      expect(response.status, raw).toBe(400);
    }
    const stale = signedHeaders(secret, '{}', Date.now() - 3_600_000);
    expect(
      (
        await fetch(api, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...stale },
          body: '{}',
        })
      ).status,
    ).toBe(401);
    expect((await fetch(`${api}/sbx_nothing`)).status).toBe(401);
    const path = '/sandbox-acquirer/api/payments/sbx_nothing';
    expect((await fetch(`${base}${path}`, { headers: signedHeaders(secret, `GET ${path}`) })).status).toBe(
      404,
    );
    // The card form without its token, with garbage, or for no payment: nothing is paid.
    for (const body of ['', 'token=x&card=4111111111111111', '%%%', 'a'.repeat(5000)]) {
      const response = await fetch(`${base}/sandbox-acquirer/pay/sbx_nothing`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(response.status, body.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(response.status, body.slice(0, 20)).toBeLessThan(500);
    }
    expect((await fetch(`${base}/sandbox-acquirer/pay/sbx_nothing`)).status).toBe(404);
  });
});

describe('another host’s payments', () => {
  it('are 404 and reveal nothing', async () => {
    const app = await application();
    const { orderId } = await startPayment(app.id);
    const start = await other.post(`/api/registrations/${app.id}/payment`);
    expect(start.statusCode).toBe(404);
    const look = await other.get(`/api/payments/${orderId}`);
    expect(look.statusCode).toBe(404);
    expect(look.body).not.toContain(app.applicationNumber);
    expect((await other.get('/api/payments/not-an-order')).statusCode).toBe(400);
  });
});
