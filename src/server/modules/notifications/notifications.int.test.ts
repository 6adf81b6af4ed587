import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { signupFields, submitSignup } from '../../../../tests/support/factories';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
async function startSmtp(): Promise<{ port: number; mails: Received[]; close: () => Promise<void> }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

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
