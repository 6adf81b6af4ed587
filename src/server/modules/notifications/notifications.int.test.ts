import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutboxWorker } from './outbox-worker';
import { claimDueMessages } from './notifications.repo';
import { smsGatewayTransport, smtpTransport } from './transports';
import { startSmtp } from '../../../../tests/support/smtp';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { signupFields, submitSignup } from '../../../../tests/support/factories';
import type { RegistrationApproved } from '../../events';

/** A local SMS gateway that fails the first `failures` requests, then accepts. */
async function startSmsGateway(failures: number) {
  const received: { to: string; text: string; auth?: string }[] = [];
  let calls = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls += 1;
      if (calls <= failures) {
        res.writeHead(503).end();
        return;
      }
      received.push({
        ...(JSON.parse(body) as { to: string; text: string }),
        auth: req.headers.authorization,
      });
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    received,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let sms: Awaited<ReturnType<typeof startSmsGateway>>;
let t: TestApp;

beforeAll(async () => {
  smtp = await startSmtp();
  sms = await startSmsGateway(1);
  t = await buildTestApp({
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    smsGatewayUrl: `http://127.0.0.1:${sms.port}/send`,
    smsGatewayToken: 'gateway-token',
  });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
  await sms.close();
});

describe('outbox worker', () => {
  it('delivers e-mail over SMTP and SMS over the gateway, retries a failed SMS, and keeps no copy of the code', async () => {
    const client = new TestClient(t.app);
    const fields = signupFields();
    expect((await submitSignup(client, { fields })).statusCode).toBe(201);

    // The message exists before it is sent: written in the signup's own transaction.
    const pending = await t.db.selectFrom('outbox').select(['channel', 'status']).execute();
    expect(pending.map((m) => m.status)).toEqual(['pending', 'pending']);

    await t.app.outbox.runOnce();
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual([fields.email]);
    const code = /activation code: (\d{6})/.exec(smtp.mails[0]!.raw)?.[1];
    expect(code).toMatch(/^\d{6}$/);

    // The gateway answered 503 once: the SMS waits for a retry with back-off.
    const smsRow = await t.db
      .selectFrom('outbox')
      .selectAll()
      .where('channel', '=', 'sms')
      .executeTakeFirstOrThrow();
    expect(smsRow.status).toBe('pending');
    expect(smsRow.attempts).toBe(1);
    expect(smsRow.last_error).toContain('503');
    expect(smsRow.next_attempt_at.getTime()).toBeGreaterThan(Date.now());

    await t.db
      .updateTable('outbox')
      .set({ next_attempt_at: new Date(Date.now() - 1000) })
      .where('id', '=', smsRow.id)
      .execute();
    await t.app.outbox.runOnce();
    expect(sms.received).toEqual([
      { to: '996700123456', text: expect.stringContaining(code!), auth: 'Bearer gateway-token' },
    ]);

    const delivered = await t.db
      .selectFrom('outbox')
      .select(['status', 'body', 'transport'])
      .orderBy('id')
      .execute();
    expect(delivered).toEqual([
      { status: 'sent', body: '[delivered]', transport: 'smtp' },
      { status: 'sent', body: '[delivered]', transport: 'sms-gateway' },
    ]);
  });
});

describe('outbox delivery with several workers', () => {
  const silentLog = { warn: () => {}, error: () => {} } as never;
  const recipients = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => `${prefix}${i}@example.kg`);
  const enqueue = (addresses: string[]) =>
    t.db
      .insertInto('outbox')
      .values(
        addresses.map((recipient) => ({ channel: 'email' as const, recipient, subject: 's', body: 'b' })),
      )
      .execute();
  const received = (address: string) => smtp.mails.filter((m) => m.to.includes(address)).length;
  const transports = () => ({
    email: smtpTransport({ url: `smtp://127.0.0.1:${smtp.port}`, from: 'konok@example.kg' }),
    sms: smsGatewayTransport({ url: `http://127.0.0.1:${sms.port}/send` }),
  });
  /** A worker whose loop polls once at start; the test drives it with runOnce. */
  const worker = () =>
    startOutboxWorker({ db: t.db, transports: transports(), pollMs: 3_600_000, log: silentLog });

  it('two workers racing send each message exactly once', async () => {
    const addresses = recipients('race', 45);
    await enqueue(addresses);
    const workers = [worker(), worker()];
    try {
      // Both poll loops have started; drive them together until the queue is empty.
      for (let round = 0; round < 10; round++) {
        const handled = await Promise.all(workers.map((w) => w.runOnce()));
        if (handled.every((n) => n === 0)) break;
      }
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    for (const address of addresses) expect(received(address)).toBe(1);
    const left = await t.db.selectFrom('outbox').select('id').where('status', '<>', 'sent').execute();
    expect(left).toEqual([]);
  });

  it('a worker that died after claiming: its messages are sent once, by another, when the lease runs out', async () => {
    const addresses = recipients('orphan', 3);
    await enqueue(addresses);
    // The dead worker claimed the batch (its claim committed) and never sent or marked anything.
    const claimed = await claimDueMessages(t.db, 20, 60_000);
    expect(claimed.map((m) => m.recipient)).toEqual(addresses);

    const survivor = worker();
    try {
      // While the lease holds, nobody else sends them.
      expect(await survivor.runOnce()).toBe(0);
      await t.db
        .updateTable('outbox')
        .set({ lease_until: new Date(Date.now() - 1) })
        .execute();
      expect(await survivor.runOnce()).toBe(3);
      expect(await survivor.runOnce()).toBe(0);
    } finally {
      await survivor.stop();
    }
    for (const address of addresses) expect(received(address)).toBe(1);
  });

  it('a worker that died between sending and marking: the message is sent again (at least once, never lost)', async () => {
    const [address] = recipients('between', 1);
    await enqueue([address!]);
    const [message] = await claimDueMessages(t.db, 20, 60_000);
    await transports().email.send(message!); // …and the process dies before markSent
    await t.db
      .updateTable('outbox')
      .set({ lease_until: new Date(Date.now() - 1) })
      .execute();
    const survivor = worker();
    try {
      await survivor.runOnce();
    } finally {
      await survivor.stop();
    }
    // The only case where a message goes twice: the send happened, its mark did not.
    expect(received(address!)).toBe(2);
    const row = await t.db
      .selectFrom('outbox')
      .select('status')
      .where('recipient', '=', address!)
      .executeTakeFirst();
    expect(row?.status).toBe('sent');
  });

  it('holds no transaction while a transport is slow', async () => {
    const [address] = recipients('slow', 1);
    await enqueue([address!]);
    let release: () => void = () => {};
    const slow = {
      name: 'slow',
      keepsBody: false,
      send: () => new Promise<void>((resolve) => (release = resolve)),
    };
    const worker = startOutboxWorker({
      db: t.db,
      transports: { email: slow, sms: slow },
      pollMs: 3_600_000,
      log: silentLog,
    });
    const run = worker.runOnce();
    await new Promise((r) => setTimeout(r, 200));
    // The row is not locked: another connection updates it at once (NOWAIT would fail on a lock).
    await sql`select id from outbox where recipient = ${address!} for update nowait`.execute(t.db);
    release();
    await run;
    await worker.stop();
  });
});

describe('transports give up on a silent server', () => {
  it('SMTP and the SMS gateway time out instead of holding the worker', async () => {
    // Accepts connections and never says a word.
    const sockets: import('node:net').Socket[] = [];
    const silent = (await import('node:net')).createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const message = { recipient: 'x@example.kg', subject: 's', body: 'b' };
    try {
      for (const transport of [
        smtpTransport({ url: `smtp://127.0.0.1:${port}`, from: 'konok@example.kg', timeoutMs: 300 }),
        smsGatewayTransport({ url: `http://127.0.0.1:${port}/send`, timeoutMs: 300 }),
      ]) {
        const started = performance.now();
        await expect(transport.send(message)).rejects.toThrow();
        expect(performance.now() - started).toBeLessThan(3_000);
      }
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe('announcing what happened (domain events)', () => {
  /** An application, as every event about it tells it. */
  const application = (tag: string, phoneTail: string) => ({
    registrationId: 1,
    applicationNumber: '2026-000042',
    hostId: 1,
    language: 'en' as const,
    hostContacts: { email: `host.${tag}@example.kg`, phone: `996700${phoneTail}` },
    // As the host typed them: the SMS goes to the digits.
    foreignerContacts: { email: `guest.${tag}@example.de`, phone: `+49 151 234-${phoneTail}` },
  });
  const approved = (tag: string, phoneTail: string): RegistrationApproved => ({
    type: 'RegistrationApproved',
    ...application(tag, phoneTail),
    registrationNumber: '59930207077349',
    approvedOn: '2026-12-03',
  });
  const messagesTo = (recipients: string[]) =>
    t.db
      .selectFrom('outbox')
      .select(['channel', 'recipient', 'subject', 'body'])
      .where('recipient', 'in', recipients)
      .orderBy('id')
      .execute();

  it("a change's messages are written in its own transaction: rolled back, nothing is sent", async () => {
    const events = t.app.ctx.events;
    await expect(
      events.transaction(t.db, async (tx) => {
        await events.emit(tx, approved('rolledback', '111111'));
        throw new Error('the approval failed after it was told');
      }),
    ).rejects.toThrow('the approval failed');
    expect(
      await messagesTo(['host.rolledback@example.kg', '996700111111', 'guest.rolledback@example.de']),
    ).toEqual([]);

    await events.transaction(t.db, (tx) => events.emit(tx, approved('kept', '222222')));
    const kept = await messagesTo([
      'host.kept@example.kg',
      '996700222222',
      'guest.kept@example.de',
      '49151234222222',
    ]);
    expect(kept.map(({ channel, recipient, subject }) => ({ channel, recipient, subject }))).toEqual([
      {
        channel: 'email',
        recipient: 'host.kept@example.kg',
        subject: 'Konok: registration 59930207077349 is valid',
      },
      { channel: 'sms', recipient: '996700222222', subject: null },
      {
        channel: 'email',
        recipient: 'guest.kept@example.de',
        subject: 'Konok: you are registered (59930207077349)',
      },
      { channel: 'sms', recipient: '49151234222222', subject: null },
    ]);
    expect(kept[1]!.body).toBe(
      `Konok: application 2026-000042 approved on 3 Dec 2026, registration 59930207077349. Card: /cabinet/archive?query=2026-000042`,
    );
  });

  it('each change tells whom it concerns: documents are asked of the host alone; an invitation goes by e-mail', async () => {
    const events = t.app.ctx.events;
    await events.transaction(t.db, async (tx) => {
      await events.emit(tx, {
        type: 'RegistrationDocumentsRequested',
        ...application('documents', '333333'),
        message: 'The page with the entry stamp, please.',
        answerDue: '2026-12-10',
      });
      await events.emit(tx, {
        type: 'StaffInvited',
        hostId: 1,
        entityName: 'Hotel Ala-Too',
        language: 'en',
        invited: {
          staffId: 7,
          email: 'reception.invited@example.kg',
          setPasswordLink: 'http://127.0.0.1/legal-entities/set-password#secret-token',
          pin: '424242',
          hours: 72,
        },
      });
    });
    const asked = await messagesTo([
      'host.documents@example.kg',
      '996700333333',
      'guest.documents@example.de',
      '49151234333333',
    ]);
    expect(asked.map((m) => [m.channel, m.recipient])).toEqual([
      ['email', 'host.documents@example.kg'],
      ['sms', '996700333333'],
    ]);
    expect(asked[0]!.body).toContain('The page with the entry stamp, please.');
    const [invitation, ...more] = await messagesTo(['reception.invited@example.kg']);
    expect(more).toEqual([]);
    expect(invitation).toMatchObject({ channel: 'email', subject: 'Konok: your account at «Hotel Ala-Too»' });
    expect(invitation!.body).toContain('/legal-entities/set-password#secret-token');
    expect(invitation!.body).toContain('424242');
  });
});
