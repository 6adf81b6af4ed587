// Registration cards and the public status check, measured in one run.
// Usage: npm run bench:cards -- [CARDS=200] [SECONDS=10] [CONNECTIONS=50]
//
// 1. The card: hostCardPdf() as «Распечатать талон» calls it — the registration read with its
//    property and host, the photo decrypted from storage, the seal signed (ES256), the QR and the
//    A5 page drawn with two embedded DejaVu faces. Baseline in the same run: a one-line pdfkit page
//    in a built-in font (the floor of making any PDF here).
// 2. The status check: POST /api/public/status over HTTP with autocannon (a separate process),
//    half the requests for a registration that exists, half for one that does not. Baseline in
//    the same run, same server and hooks: a bare POST route that runs `select 1`.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { startBenchApp } from './bench-app';
import PDFDocument from 'pdfkit';
import { insertActiveHost } from '../src/server/demo/demo-data';
import { solidPng } from '../tests/support/images';
import { hashPassword } from '../src/server/modules/accounts/passwords';
import { hostCardPdf } from '../src/server/modules/cards/cards.service';
import { withStoredFiles } from '../src/server/modules/documents/documents.service';
import { sampleRegistryCodes } from '../src/server/modules/properties/embedded-registry';
import { addProperty } from '../src/server/modules/properties/properties.service';
import {
  confirmRegistration,
  storeRegistrationDocument,
} from '../src/server/modules/registrations/registrations.service';
import { addDays, todayIso } from '../src/shared/schemas';

const [cardCount = '200', seconds = '10', connections = '50'] = process.argv.slice(2);
const PIN = '135790';

const { app, db, close } = await startBenchApp('cards', 1_000_000);
const ctx = app.ctx;
// The baseline route: registered here only, never in Konok.
app.post('/bench/select-1', { config: { rateLimit: false }, schema: { hide: true } }, async () => {
  await sql`select 1`.execute(db);
  return { ok: true };
});
const base = await app.listen({ host: '127.0.0.1', port: 0 });
ctx.profile = {
  ...ctx.profile,
  registration: {
    ...ctx.profile.registration,
    fees: [{ from: '2000-01-01', amountMinor: 0, currency: 'KGS' }],
  },
};

// ---------- a host with approved registrations ----------
const hostId = await withStoredFiles(ctx, async (tx, store) =>
  insertActiveHost(ctx, tx, store, {
    email: 'bench-cards@example.kg',
    passwordHash: await hashPassword('benchmark passphrase 2026'),
    pin: PIN,
    passportNumber: 'BC1000001',
  }),
);
const [code] = await sampleRegistryCodes(db, 1);
const scan = { body: solidPng(400, 560, [244, 244, 240]), truncated: false };
const propertyId = (await addProperty(ctx, hostId, { code: code!, capacity: 500, scan })).id;
const approved: { id: number; number: string; passport: string }[] = [];
for (let i = 0; i < 20; i++) {
  const passport = `BP${String(i).padStart(7, '0')}`;
  const document = (kind: 'passport' | 'photo', w: number, h: number) =>
    storeRegistrationDocument(ctx, hostId, kind, { body: solidPng(w, h, [200, 180, 170]), truncated: false });
  const created = await confirmRegistration(ctx, hostId, {
    data: {
      passportDocumentId: (await document('passport', 500, 352)).id,
      photoDocumentId: (await document('photo', 600, 800)).id,
      propertyId,
      surname: 'Oyelaran-Montgomery',
      givenNames: 'Maximiliana Alexandra',
      birthDate: '1990-05-17',
      sex: 'F',
      passportType: 'passport',
      passportCountry: 'DEU',
      passportNumber: passport,
      passportIssueDate: '2020-02-01',
      passportExpiryDate: '2031-02-01',
      entryDate: addDays(todayIso(), -1),
      phone: '+49 151 23456789',
      periodFrom: todayIso(),
      periodTo: addDays(todayIso(), 30),
      purpose: 'tourism',
    },
    pin: PIN,
    language: 'en',
  });
  const number = String(10_000_000_000_000 + i);
  await db
    .updateTable('registrations')
    .set({ status: 'approved', registration_number: number, decided_at: new Date() })
    .where('id', '=', created.id)
    .execute();
  approved.push({ id: created.id, number, passport });
}

// ---------- 1. cards ----------
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
async function timeEach(count: number, make: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await make(i); // warm-up: fonts parsed, code compiled
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await make(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p99: percentile(times, 0.99) };
}
function plainPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A5' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica').fontSize(12).text('Registration card', 40, 40);
  doc.end();
  return done;
}
const CARDS = Number(cardCount);
const card = await timeEach(CARDS, (i) => hostCardPdf(ctx, hostId, approved[i % approved.length]!.id));
const floor = await timeEach(CARDS, () => plainPdf());
const size = (await hostCardPdf(ctx, hostId, approved[0]!.id)).pdf.length;

// ---------- 2. status check ----------
const session = await fetch(`${base}/api/session`);
const csrf = /konok_csrf=([^;]+)/.exec(session.headers.getSetCookie().join('; '))![1]!;
const headers = { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `konok_csrf=${csrf}` };
const found = approved[0]!;
const probe = await fetch(`${base}/api/public/status`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ number: found.number, passportNumber: found.passport }),
});
if (probe.status !== 200) throw new Error(`status check failed: ${probe.status} ${await probe.text()}`);

async function load(url: string, bodies: string[]) {
  const options = {
    url,
    connections: Number(connections),
    duration: Number(seconds),
    method: 'POST',
    headers,
    // The bodies in turn: a registration that exists, then one that does not.
    requests: bodies.map((body) => ({ method: 'POST', body })),
    // Code compiled, caches warm, pools full: measured after two seconds of the same load.
    warmup: { connections: Number(connections), duration: 2 },
  };
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(import.meta.dirname, 'autocannon-runner.mjs'), JSON.stringify(options)],
    { maxBuffer: 1 << 24 },
  );
  return JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
}
const statusBodies = [
  JSON.stringify({ number: found.number, passportNumber: found.passport }),
  JSON.stringify({ number: '2026-999999', passportNumber: 'ZZ0000000' }),
];
// Interleaved, twice each, the better run of each kept: a noisy neighbour hurts both alike.
const baselineRuns = [];
const statusRuns = [];
for (let round = 0; round < 2; round++) {
  baselineRuns.push(await load(`${base}/bench/select-1`, ['{}']));
  statusRuns.push(await load(`${base}/api/public/status`, statusBodies));
}
const best = (runs: Awaited<ReturnType<typeof load>>[]) =>
  runs.reduce((a, b) => (b.requests.average > a.requests.average ? b : a));
const baseline = best(baselineRuns);
const status = best(statusRuns);

const ms = (n: number) => `${n.toFixed(1)} ms`;
console.log(`
Card PDF (${CARDS} cards, one at a time, ${(size / 1024).toFixed(0)} KB each)
  card:      median ${ms(card.median)}, p99 ${ms(card.p99)}   (target: median ≤ 50 ms)
  baseline:  median ${ms(floor.median)}, p99 ${ms(floor.p99)}   (a one-line pdfkit page, built-in font)
  ratio:     ${(card.median / floor.median).toFixed(1)}× the baseline's median

Status check (${connections} connections, ${seconds} s each, autocannon)
  status:    ${status.requests.average.toFixed(0)} req/s, p50 ${status.latency.p50} ms, p99 ${status.latency.p99} ms, non-2xx ${status.non2xx} (half are "not found" by design), errors ${status.errors}
  select 1:  ${baseline.requests.average.toFixed(0)} req/s, p50 ${baseline.latency.p50} ms, p99 ${baseline.latency.p99} ms, errors ${baseline.errors}
  ratio:     ${(status.requests.average / baseline.requests.average).toFixed(2)} of the bare route   (target: ≥ 0.8, p99 < 50 ms)
`);
await close();
