#!/usr/bin/env node
// A hotel system's client for Konok's registration API: Node 20 or later, nothing but fetch.
//
//   KONOK_URL=https://konok.example KONOK_KEY=kk_live_… node examples/hotel-client.mjs places
//   … node examples/hotel-client.mjs register guest.json passport.jpg photo.jpg
//   … node examples/hotel-client.mjs batch guests.csv
//
// Every command prints one JSON answer on standard output. The key goes in the Authorization
// header only: never in a URL, never in a log.
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';

const base = (process.env.KONOK_URL ?? '').replace(/\/$/, '');
const key = process.env.KONOK_KEY ?? '';
const language = process.env.KONOK_LANGUAGE ?? 'en';

async function call(method, path, { json, body, contentType, idempotencyKey } = {}) {
  const headers = { authorization: `Bearer ${key}`, 'accept-language': language };
  if (json !== undefined) headers['content-type'] = 'application/json';
  if (contentType) headers['content-type'] = contentType;
  // The same Idempotency-Key on a retry returns the first answer: a lost reply never makes a
  // second registration.
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: json !== undefined ? JSON.stringify(json) : body,
    });
    const answer = await response.json().catch(() => null);
    // Too many requests: wait as long as the server says, then try again (a few times).
    if (response.status === 429 && attempt < 4) {
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 60) * 1000));
      continue;
    }
    if (!response.ok) {
      const error = new Error(`${method} ${path}: ${response.status}`);
      error.status = response.status;
      error.answer = answer;
      throw error;
    }
    return answer;
  }
}

/** The places this key may register guests at. */
export const places = () => call('GET', '/api/v1/places');

/** One guest: the passport page and the photo first, then the guest's answers naming them. */
export async function registerGuest(guest, passportFile, photoFile) {
  // Keys made from what is sent: the same guest sent again (after a lost reply, or by a second
  // run) uploads nothing new and makes no second registration.
  const digest = (...parts) => createHash('sha256').update(parts.join('\n')).digest('hex');
  const upload = async (kind, file) => {
    const contentBase64 = (await readFile(file)).toString('base64');
    const answer = await call('POST', '/api/v1/documents', {
      json: { kind, contentBase64 },
      idempotencyKey: digest(kind, contentBase64),
    });
    return answer.id;
  };
  const passportDocumentId = await upload('passport', passportFile);
  const photoDocumentId = await upload('photo', photoFile);
  const body = { ...guest, passportDocumentId, photoDocumentId };
  return call('POST', '/api/v1/registrations', {
    json: body,
    idempotencyKey: digest('registration', JSON.stringify(body)),
  });
}

/** A CSV of guests: accepted at once, then followed until every row has its result. */
export async function sendBatch(csvFile, { pollMs = 500, timeoutMs = 120_000 } = {}) {
  const accepted = await call('POST', '/api/v1/batches', {
    body: await readFile(csvFile),
    contentType: 'text/csv',
    idempotencyKey: randomUUID(),
  });
  const until = Date.now() + timeoutMs;
  for (;;) {
    const progress = await call('GET', `/api/v1/batches/${accepted.id}`);
    if (progress.status === 'done' || Date.now() > until) return progress;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function main([command, ...args]) {
  if (!base || !key) throw new Error('Set KONOK_URL and KONOK_KEY.');
  if (command === 'places') return places();
  if (command === 'register' && args.length === 3) {
    const guest = JSON.parse(await readFile(args[0], 'utf8'));
    return registerGuest(guest, args[1], args[2]);
  }
  if (command === 'batch' && args.length === 1) return sendBatch(args[0]);
  throw new Error('Usage: places | register GUEST.json PASSPORT PHOTO | batch GUESTS.csv');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (answer) => console.log(JSON.stringify(answer, null, 2)),
    (error) => {
      console.log(
        JSON.stringify({ error: error.message, status: error.status, answer: error.answer }, null, 2),
      );
      process.exitCode = 1;
    },
  );
}
