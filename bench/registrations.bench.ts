// Registration submission benchmark over real HTTP, against a plain insert of the same rows.
// Usage: npm run bench:registrations -- [SEQUENTIAL=1000] [HOSTS=50] [PER_HOST=40]
//
// A submission is the host's «Confirm»: POST /api/registrations, which validates every field
// (the shared schema, the property, the overlapping-passport and capacity queries), checks the
// PIN, writes the application with its yearly number and its audit entry, and — the fee schedule
// is set to none for the run, so that the same request also submits it — moves it to `submitted`
// with its audit entry and writes the host's and the foreigner's e-mail and SMS to the outbox.
// With a fee the last part happens when the acquirer's callback arrives, in its own request.
//
// The baseline, measured in the same run on the same database: the same rows (application,
// two audit entries, four outbox messages) inserted in one transaction with no checks.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { startBenchApp } from './bench-app';
import { appendAudit } from '../src/server/db/audit';
import { insertActiveHost } from '../src/server/demo/demo-data';
import { solidPng } from '../tests/support/images';
import { insertMessages } from '../src/server/modules/notifications/notifications.repo';
import { withStoredFiles } from '../src/server/modules/documents/documents.service';
import { hashPassword } from '../src/server/modules/accounts/passwords';
import { addProperty } from '../src/server/modules/properties/properties.service';
import { storeRegistrationDocument } from '../src/server/modules/registrations/registrations.service';
import { sampleRegistryCodes } from '../src/server/modules/properties/embedded-registry';
import { encryptField, keyedHash } from '../src/server/security/crypto';
import { addDays, todayIso } from '../src/shared/schemas';

const [sequentialCount = '1000', hostCount = '50', perHost = '40'] = process.argv.slice(2);
const SEQUENTIAL = Number(sequentialCount);
const HOSTS = Number(hostCount);
const PER_HOST = Number(perHost);
const PASSWORD = 'benchmark passphrase 2026';
const PIN = '135790';

const { app, db, secrets, close } = await startBenchApp('registrations', 100_000);
const ctx = app.ctx;
// The HTTP baseline: a bare route on the same server, behind the same hooks (session lookup),
// that writes the same rows with no checks. Registered here only, never in Konok.
app.post(
  '/bench/plain-insert',
  { config: { csrf: false }, schema: { hide: true } },
  async (request, reply) => {
    const body = request.body as { host: Pick<Host, 'id' | 'propertyId' | 'documents'> };
    await insertPlainRows(body.host);
    return reply.status(201).send({ status: 'submitted' });
  },
);
const base = await app.listen({ host: '127.0.0.1', port: 0 });
ctx.profile = {
  ...ctx.profile,
  registration: {
    ...ctx.profile.registration,
    fees: [{ from: '2000-01-01', amountMinor: 0, currency: 'KGS' }],
  },
};

// ---------- hosts, each with a property, documents and a session ----------

interface Host {
  id: number;
  cookie: string;
  csrf: string;
  propertyId: number;
  documents: { passportDocumentId: number; photoDocumentId: number };
}

const passwordHash = await hashPassword(PASSWORD);
const codes = await sampleRegistryCodes(db, HOSTS + 1);
async function makeHost(i: number): Promise<Host> {
  const email = `bench${i}@example.kg`;
  const id = await withStoredFiles(ctx, (tx, store) =>
    insertActiveHost(ctx, tx, store, { email, passwordHash, pin: PIN, passportNumber: `BH${1_000_000 + i}` }),
  );
  const scan = { body: solidPng(400, 560, [244, 244, 240]), truncated: false };
  // A large capacity: the capacity query runs, its warning does not distract.
  const propertyId = (await addProperty(ctx, id, { code: codes[i]!, capacity: 500, scan })).id;
  const documents = {
    passportDocumentId: (
      await storeRegistrationDocument(ctx, id, 'passport', {
        body: solidPng(500, 352, [236, 238, 240]),
        truncated: false,
      })
    ).id,
    photoDocumentId: (
      await storeRegistrationDocument(ctx, id, 'photo', {
        body: solidPng(300, 400, [205, 190, 180]),
        truncated: false,
      })
    ).id,
  };
  const session = await fetch(`${base}/api/session`);
  const csrf = /konok_csrf=([^;]+)/.exec(session.headers.getSetCookie().join('; '))![1]!;
  const login = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `konok_csrf=${csrf}` },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${await login.text()}`);
  const sessionCookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { id, cookie: `konok_csrf=${csrf}; ${sessionCookie}`, csrf, propertyId, documents };
}

const hosts: Host[] = [];
for (let i = 0; i <= HOSTS; i++) hosts.push(await makeHost(i));

// ---------- the two ways to write a registration ----------

const today = todayIso();
let serial = 0;
const foreigner = (host: Host) => {
  serial += 1;
  return {
    ...host.documents,
    propertyId: host.propertyId,
    surname: 'MULLER',
    givenNames: 'ANNA',
    birthDate: '1990-05-17',
    sex: 'F',
    passportType: 'passport',
    passportCountry: 'DEU',
    passportNumber: `BN${String(serial).padStart(7, '0')}`,
    passportIssueDate: '2020-02-01',
    passportExpiryDate: '2031-02-01',
    entryDate: addDays(today, -1),
    phone: `+49 151 ${String(serial).padStart(8, '0')}`,
    email: `guest${serial}@example.de`,
    periodFrom: today,
    periodTo: addDays(today, 20),
    purpose: 'tourism',
  };
};

async function submit(host: Host): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}/api/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': host.csrf, cookie: host.cookie },
    body: JSON.stringify({ data: foreigner(host), pin: PIN }),
  });
  const body = (await response.json()) as { status?: string };
  if (response.status !== 201 || body.status !== 'submitted')
    throw new Error(`submission failed: ${response.status} ${JSON.stringify(body)}`);
  return performance.now() - started;
}

let plainSerial = 0;
async function plainInsert(host: Host): Promise<number> {
  const started = performance.now();
  await insertPlainRows(host);
  return performance.now() - started;
}

async function plainInsertOverHttp(host: Host): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}/bench/plain-insert`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: host.cookie },
    body: JSON.stringify({ host: { id: host.id, propertyId: host.propertyId, documents: host.documents } }),
  });
  if (response.status !== 201) throw new Error(`plain insert failed: ${response.status}`);
  return performance.now() - started;
}

async function insertPlainRows(host: Pick<Host, 'id' | 'propertyId' | 'documents'>): Promise<void> {
  const n = ++plainSerial;
  const passport = `PL${String(n).padStart(7, '0')}`;
  await db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('registrations')
      .values({
        host_id: host.id,
        application_number: `1999-${String(n).padStart(6, '0')}`,
        passport_number_hash: keyedHash(secrets.fieldHashKey, passport),
        passport_number_enc: encryptField(secrets.fieldEncryptionKey, passport),
        status: 'submitted',
        valid_from: today,
        valid_until: addDays(today, 20),
        property_id: host.propertyId,
        surname: 'MULLER',
        given_names: 'ANNA',
        birth_date: '1990-05-17',
        sex: 'F',
        passport_type: 'passport',
        passport_country: 'DEU',
        passport_issue_date: '2020-02-01',
        passport_expiry_date: '2031-02-01',
        entry_date: addDays(today, -1),
        phone: '4915100000000',
        email: 'guest@example.de',
        purpose: 'tourism',
        with_guardian: false,
        fee_minor: 0,
        fee_currency: 'KGS',
        language: 'ru',
        mrz_fields: '[]',
        mrz_changed_fields: '[]',
        flags: '[]',
        passport_document_id: host.documents.passportDocumentId,
        photo_document_id: host.documents.photoDocumentId,
        updated_at: new Date(),
      })
      .returning(sql<number>`id::int`.as('id'))
      .executeTakeFirstOrThrow();
    await appendAudit(
      tx,
      ['registration.confirm', 'registration.pay'].map((action) => ({
        actor: { kind: 'host', hostId: host.id },
        action,
        entity: 'registration',
        entityId: id,
      })),
    );
    await insertMessages(
      tx,
      ['host@example.kg', '996555123456', 'guest@example.de', '4915100000000'].map((recipient, i) =>
        i % 2 === 0
          ? {
              channel: 'email' as const,
              recipient,
              subject: 'Konok: application submitted',
              body: 'Submitted.',
            }
          : { channel: 'sms' as const, recipient, body: 'Submitted.' },
      ),
    );
  });
}

// ---------- measurements ----------

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Every host submitting at once, from another thread (the requests' own CPU is not the server's). */
async function concurrentOverHttp(mode: 'submit' | 'plain') {
  const worker = new Worker(new URL('./load-client.mjs', import.meta.url), {
    execArgv: [],
    workerData: {
      mode,
      base,
      hosts: hosts.slice(0, HOSTS),
      perHost: PER_HOST,
      pin: PIN,
      today,
      firstSerial: 10_000_000,
    },
  });
  const result = await new Promise<{ latencies: number[]; seconds: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return { latencies: result.latencies, perSecond: result.latencies.length / result.seconds };
}

async function sequential(work: (host: Host) => Promise<number>, count: number) {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) latencies.push(await work(hosts[HOSTS]!));
  return latencies;
}

async function concurrent(work: (host: Host) => Promise<number>) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    hosts.slice(0, HOSTS).map(async (host) => {
      for (let i = 0; i < PER_HOST; i++) latencies.push(await work(host));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { latencies, perSecond: latencies.length / seconds };
}

// Warm both paths (JIT, connection pool, statement plans) before measuring either.
await sequential(submit, 50);
await sequential(plainInsertOverHttp, 50);
await sequential(plainInsert, 50);

const submitSequential = await sequential(submit, SEQUENTIAL);
const plainHttpSequential = await sequential(plainInsertOverHttp, SEQUENTIAL);
const plainSequential = await sequential(plainInsert, SEQUENTIAL);
const submitConcurrent = await concurrentOverHttp('submit');
const plainHttpConcurrent = await concurrentOverHttp('plain');
const plainConcurrent = await concurrent(plainInsert);

const check = await db
  .selectFrom('registrations')
  .select(sql<number>`count(*)::int`.as('n'))
  .where('status', '=', 'submitted')
  .executeTakeFirstOrThrow();

const line = (name: string, latencies: number[], perSecond?: number) =>
  `  ${name.padEnd(28)}${perSecond ? `${perSecond.toFixed(0).padStart(5)}/s   ` : ''}median ${ms(percentile(latencies, 50))}   p99 ${ms(percentile(latencies, 99))}`;
const submitP99 = percentile(submitConcurrent.latencies, 99);
console.log(`
Registration submissions (${os.cpus().length} CPUs, Node ${process.version}, ${check.n} applications written)

One host at a time, ${SEQUENTIAL} each:
${line('full submission (HTTP)', submitSequential)}
${line('plain insert (HTTP route)', plainHttpSequential)}
${line('plain insert (database)', plainSequential)}
  full submission takes ${(percentile(submitSequential, 50) / percentile(plainHttpSequential, 50)).toFixed(2)}× the plain HTTP insert's median, ${(percentile(submitSequential, 50) / percentile(plainSequential, 50)).toFixed(2)}× the database insert's

${HOSTS} hosts at once, ${HOSTS * PER_HOST} each:
${line('full submission (HTTP)', submitConcurrent.latencies, submitConcurrent.perSecond)}
${line('plain insert (HTTP route)', plainHttpConcurrent.latencies, plainHttpConcurrent.perSecond)}
${line('plain insert (database)', plainConcurrent.latencies, plainConcurrent.perSecond)}
  rate: ${(submitConcurrent.perSecond / plainHttpConcurrent.perSecond).toFixed(2)} of the plain HTTP insert's, ${(submitConcurrent.perSecond / plainConcurrent.perSecond).toFixed(2)} of the database insert's (target ≥ 0.50)
  p99 ${ms(submitP99)}: target (< 150 ms at ${HOSTS} hosts) ${submitP99 < 150 ? 'met' : 'NOT met'}
`);

await close();
