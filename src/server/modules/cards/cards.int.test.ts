import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeHost,
  addProperty,
  foreignerFields,
  registrationDocuments,
} from '../../../../tests/support/factories';
import { enrolledOperator } from '../../../../tests/support/operators';
import { pdfFonts, pdfText, renderPdf } from '../../../../tests/support/pdf';
import { buildTestApp, TestClient, withoutFee, type TestApp } from '../../../../tests/support/test-app';
import { decodeSeal, fromBase64Url, toBase64Url } from '../../../shared/seal';
import { rotateCardKey } from './card-keys';
import crypto from 'node:crypto';
import { encodeSealMessage } from '../../../shared/seal';
import { todayIso } from '../../../shared/dates';
import { verifySeal } from './cards.service';
import { BatchedCounter } from '../../http/batched-counter';

let t: TestApp;
let host: TestClient;
let operator: TestClient;
let pin: string;
let propertyId: number;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'konok-cards-'));
let serial = 0;

beforeAll(async () => {
  t = await buildTestApp({ publicUrl: 'https://konok.test' }, { rateLimitFactor: 100 });
  withoutFee(t.app.ctx);
  host = new TestClient(t.app);
  ({ pin } = await activeHost(host, t.db));
  const code = (
    await t.db.selectFrom('property_registry').select('code').orderBy('code').executeTakeFirstOrThrow()
  ).code;
  propertyId = await addProperty(host, code, 50);
  const op = await enrolledOperator(t.db, t.app.ctx.secrets, 'cards.operator@konok.example');
  operator = new TestClient(t.app);
  expect((await operator.post('/api/login', await op.login())).statusCode).toBe(200);
});
afterAll(async () => {
  await t.close();
  if (!process.env.KEEP_CARDS) fs.rmSync(work, { recursive: true, force: true });
});

/** A key as rotateCardKey writes it, made at `when`. */
function newKeyAt(when: Date) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'konok-keys-'));
  try {
    return rotateCardKey(dir, when);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A registration submitted by the host and approved by the operator. */
async function approved(overrides: Record<string, unknown> = {}) {
  serial += 1;
  const passportNumber = `CRD${String(serial).padStart(5, '0')}`;
  const created = await host.post('/api/registrations', {
    data: foreignerFields(propertyId, {
      ...(await registrationDocuments(host)),
      passportNumber,
      ...overrides,
    }),
    pin,
  });
  expect(created.statusCode, created.body).toBe(201);
  const { id, applicationNumber } = created.json();
  expect((await operator.post(`/api/operator/applications/${id}/claim`)).statusCode).toBe(200);
  const decision = await operator.post(`/api/operator/applications/${id}/decision`, { decision: 'approve' });
  expect(decision.statusCode, decision.body).toBe(200);
  return {
    id,
    applicationNumber,
    passportNumber,
    registrationNumber: decision.json().registrationNumber as string,
  };
}

/** The PDF rendered as a printer would, its QR read back from the pixels, its text and fonts. */
async function qrFromPdf(pdf: Buffer, name: string) {
  const page = await renderPdf(pdf);
  const png = path.join(work, `${name}.png`);
  fs.writeFileSync(png, page.png);
  const found = jsQR(
    new Uint8ClampedArray(page.data.buffer, page.data.byteOffset, page.data.length),
    page.width,
    page.height,
  );
  return { url: found?.data, png, text: await pdfText(pdf), fonts: pdfFonts(pdf) };
}

/** A published key as a browser imports it. */
const verifyKey = (jwk: JsonWebKey) =>
  crypto.subtle.importKey(
    'jwk',
    { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );

async function webCryptoVerify(seal: string) {
  const keys = (await host.get('/.well-known/konok-card-keys.json')).json().keys as JsonWebKey[] &
    { kid: string }[];
  const decoded = decodeSeal(fromBase64Url(seal)!);
  if (!decoded) return false;
  const jwk = (keys as unknown as (JsonWebKey & { kid: string })[]).find(
    (k) => k.kid === String(decoded.data.keyId),
  );
  if (!jwk) return false;
  const key = await verifyKey(jwk);
  return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, decoded.signature, decoded.message);
}

describe('the registration card', () => {
  let card: Awaited<ReturnType<typeof approved>>;
  let seal: string;

  it('is a PDF with embedded DejaVu, the Kyrgyz letters, every field and a QR that scans from print', async () => {
    card = await approved({ surname: 'Oyelaran-Montgomery', givenNames: 'Maximiliana Alexandra' });
    const response = await host.get(`/api/registrations/${card.id}/card.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(
      `registration-card-${card.registrationNumber}.pdf`,
    );
    const rendered = await qrFromPdf(response.rawPayload, 'card');
    // DejaVu, embedded as a subset (a six-letter tag), in a composite font that writes any letter.
    expect(rendered.fonts).toContainEqual({
      name: expect.stringMatching(/^[A-Z]{6}\+DejaVuSans-Bold$/),
      subtype: 'Type0',
      encoding: 'Identity-H',
      embedded: true,
    });
    expect(rendered.fonts.filter((font) => !font.embedded)).toEqual([]);
    for (const text of [
      'КАТТОО ТАЛОНУ / РЕГИСТРАЦИОННЫЙ ТАЛОН / REGISTRATION CARD',
      'САНАРИПТИК ӨНҮКТҮРҮҮ',
      'сканерлеңиз',
      card.registrationNumber,
      'OYELARAN-MONTGOMERY MAXIMILIANA ALEXANDRA',
      '17 май/мая/May 1990', // the month in each of the card's languages, as a passport names it
      'DEU — Германия / Germany',
      `Паспорт / Passport, DEU ${card.passportNumber}`,
    ])
      expect(rendered.text.replace(/\s+/g, ' ')).toContain(text);
    expect(rendered.url).toMatch(/^https:\/\/konok\.test\/v\/[A-Za-z0-9_-]+$/);
    seal = rendered.url!.split('/v/')[1]!;
    const version = QRCode.create(rendered.url!, { errorCorrectionLevel: 'M' }).version;
    console.log(
      `card QR: ${rendered.url!.length} characters, seal ${fromBase64Url(seal)!.length} bytes, version ${version} at M`,
    );
    expect(version).toBeLessThanOrEqual(10);
  });

  it('carries a seal that WebCrypto verifies with the published keys, and that one changed byte breaks', async () => {
    const decoded = decodeSeal(fromBase64Url(seal)!)!;
    expect(decoded.data).toMatchObject({
      registrationNumber: card.registrationNumber,
      surname: 'OYELARAN MONTGOMERY',
      birthDate: '1990-05-17',
      nationality: 'DEU',
      documentNumber: card.passportNumber,
    });
    expect(await webCryptoVerify(seal)).toBe(true);
    const bytes = fromBase64Url(seal)!;
    for (const at of [3, 20, bytes.length - 70, bytes.length - 1]) {
      const altered = Uint8Array.from(bytes);
      altered[at]! ^= 0x01;
      expect(await webCryptoVerify(toBase64Url(altered)), `byte ${at}`).toBe(false);
      expect(verifySeal(t.app.ctx, toBase64Url(altered))).toBeUndefined();
    }
  });

  it('is only for the host’s own approved registration', async () => {
    const other = new TestClient(t.app);
    await activeHost(other, t.db);
    expect((await other.get(`/api/registrations/${card.id}/card.pdf`)).statusCode).toBe(404);
    expect((await new TestClient(t.app).get(`/api/registrations/${card.id}/card.pdf`)).statusCode).toBe(401);
    expect((await operator.get(`/api/registrations/${card.id}/card.pdf`)).statusCode).toBe(403);
    expect((await host.get('/api/registrations/abc/card.pdf')).statusCode).toBe(400);
    const created = await host.post('/api/registrations', {
      data: foreignerFields(propertyId, {
        ...(await registrationDocuments(host)),
        passportNumber: 'CRDWAIT01',
      }),
      pin,
    });
    const waiting = await host.get(`/api/registrations/${created.json().id}/card.pdf`);
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().error.message).toBeTruthy();
  });

  it('shows the photo online to whoever holds a genuine seal, and nothing for a forged one', async () => {
    const photo = await new TestClient(t.app).post('/api/public/cards/photo', { seal });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toMatch(/^image\//);
    const altered = fromBase64Url(seal)!;
    altered[25]! ^= 0x01;
    expect(
      (await new TestClient(t.app).post('/api/public/cards/photo', { seal: toBase64Url(altered) }))
        .statusCode,
    ).toBe(404);
    for (const body of [{}, { seal: '' }, { seal: 42 }, { seal: 'x'.repeat(1000) }, { seal: '%%%' }])
      expect(
        (await new TestClient(t.app).post('/api/public/cards/photo', body)).statusCode,
        JSON.stringify(body),
      ).toBeGreaterThanOrEqual(400);
  });
});

describe('keys and revocation', () => {
  it('publishes the keys as a JWK set with their dates; a rotated key signs new cards, old seals still verify', async () => {
    const before = await approved();
    const oldSeal = (
      await qrFromPdf((await host.get(`/api/registrations/${before.id}/card.pdf`)).rawPayload, 'old')
    ).url!.split('/v/')[1]!;
    const set = (await host.get('/.well-known/konok-card-keys.json')).json();
    expect(set.keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      use: 'sig',
      kid: expect.any(String),
    });
    expect(set.keys[0]).not.toHaveProperty('d');
    const rotated = t.app.ctx.cardKeys.rotate();
    const after = await approved();
    const newSeal = (
      await qrFromPdf((await host.get(`/api/registrations/${after.id}/card.pdf`)).rawPayload, 'new')
    ).url!.split('/v/')[1]!;
    expect(decodeSeal(fromBase64Url(newSeal)!)!.data.keyId).toBe(rotated.kid);
    expect(decodeSeal(fromBase64Url(oldSeal)!)!.data.keyId).not.toBe(rotated.kid);
    expect(await webCryptoVerify(oldSeal)).toBe(true);
    expect(await webCryptoVerify(newSeal)).toBe(true);
    expect((await host.get('/.well-known/konok-card-keys.json')).json().keys).toHaveLength(2);
  });

  it('drops a key past its publication date: a seal it signed no longer verifies anywhere', async () => {
    // A key made three years ago, in this deployment's key file beside the current ones.
    const keysFile = path.join(t.config.dataDir, 'card-keys.json');
    const before = fs.readFileSync(keysFile, 'utf8');
    const retired = newKeyAt(new Date(Date.now() - 3 * 366 * 86_400_000));
    fs.writeFileSync(keysFile, JSON.stringify([...JSON.parse(before), retired]));
    try {
      expect(t.app.ctx.cardKeys.published().map((k) => k.kid)).not.toContain(retired.kid);
      expect(t.app.ctx.cardKeys.active().kid).not.toBe(retired.kid);
      const message = encodeSealMessage({
        keyId: retired.kid,
        registrationNumber: '10000000000018',
        surname: 'OLD',
        givenNames: 'KEY',
        birthDate: '1980-01-01',
        nationality: 'DEU',
        documentNumber: 'X1',
        validFrom: todayIso(),
        validUntil: todayIso(),
        propertyCode: '1-01',
      });
      const signature = crypto.sign('sha256', message, {
        key: crypto.createPrivateKey({ key: retired.privateJwk, format: 'jwk' }),
        dsaEncoding: 'ieee-p1363',
      });
      const seal = toBase64Url(Uint8Array.from([...message, ...signature]));
      expect(verifySeal(t.app.ctx, seal)).toBeUndefined();
      expect(await webCryptoVerify(seal)).toBe(false);
    } finally {
      fs.writeFileSync(keysFile, before);
    }
  });

  it('lists a cancelled valid registration in the signed revocation list, and the status check says so', async () => {
    const card = await approved();
    const cancel = await host.post(`/api/registrations/${card.id}/cancel`);
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled', refund: false });
    const jws = (await host.get('/.well-known/konok-card-revocations.jws')).body;
    const [header, payload, signature] = jws.split('.');
    const { kid } = JSON.parse(Buffer.from(header!, 'base64url').toString());
    const jwk = (await host.get('/.well-known/konok-card-keys.json'))
      .json()
      .keys.find((k: { kid: string }) => k.kid === kid);
    const key = await verifyKey(jwk);
    expect(
      await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        key,
        Buffer.from(signature!, 'base64url'),
        Buffer.from(`${header}.${payload}`),
      ),
    ).toBe(true);
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString()).revoked).toContain(
      card.registrationNumber,
    );
    const status = await new TestClient(t.app).post('/api/public/status', {
      number: card.registrationNumber,
      passportNumber: card.passportNumber,
    });
    expect(status.json()).toMatchObject({ status: 'cancelled', registrationNumber: card.registrationNumber });
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'registration')
      .where('entity_id', '=', String(card.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'registration.confirm',
      'registration.pay',
      'registration.claim',
      'registration.approve',
      'registration.revoke',
    ]);
  });
});

describe('the public status check', () => {
  it('answers with the status, the period and a masked name, by either number', async () => {
    const card = await approved({ surname: 'Smith', givenNames: 'John' });
    for (const number of [card.registrationNumber, card.applicationNumber]) {
      const response = await new TestClient(t.app).post('/api/public/status', {
        number,
        passportNumber: card.passportNumber.toLowerCase(),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        applicationNumber: card.applicationNumber,
        registrationNumber: card.registrationNumber,
        status: 'approved',
        validFrom: expect.any(String),
        validUntil: expect.any(String),
        name: 'S**** J***',
      });
    }
    const wrongPassport = await new TestClient(t.app).post('/api/public/status', {
      number: card.registrationNumber,
      passportNumber: 'ZZ9999999',
    });
    expect(wrongPassport.statusCode).toBe(404);
    expect(wrongPassport.body).not.toContain('Smith');
    for (const body of [
      {},
      { number: '' },
      { number: '<script>', passportNumber: 'A1' },
      { number: 12, passportNumber: [] },
    ])
      expect(
        (await new TestClient(t.app).post('/api/public/status', body)).statusCode,
        JSON.stringify(body),
      ).toBe(400);
  });

  it('is limited per address across processes: the counts meet in the database', async () => {
    t.app.ctx.rateLimitFactor = 1;
    const earlier = t.app.ctx.statusChecks;
    await t.db.deleteFrom('rate_limits').execute();
    // A process started now: it knows no counts yet.
    t.app.ctx.statusChecks = new BatchedCounter(t.db, { prefix: 'status:', windowMs: 60_000, maxBatch: 50 });
    try {
      const client = new TestClient(t.app);
      const codes: number[] = [];
      for (let i = 0; i < 32; i++)
        codes.push(
          (await client.post('/api/public/status', { number: '2026-000001', passportNumber: 'AB1234567' }))
            .statusCode,
        );
      expect(codes.slice(0, 30).every((c) => c === 404)).toBe(true);
      expect(codes.slice(30)).toEqual([429, 429]);
      // The shared row holds what this process reserved: the whole limit, and the refused tries'
      // reservation that found nothing left.
      const counter = await t.db
        .selectFrom('rate_limits')
        .select('hits')
        .where('key', '=', 'status:127.0.0.1')
        .executeTakeFirstOrThrow();
      expect(counter.hits).toBeGreaterThanOrEqual(30);
      // Another process on the same database gets nothing of it…
      const other = new BatchedCounter(t.db, { prefix: 'status:', windowMs: 60_000, maxBatch: 50 });
      expect((await other.hit('127.0.0.1', 30)).allowed).toBe(false);
      // …while a caller of its own is served from batches of eight (a limit of 60): eight
      // statements for 61 hits, the last batch cut to the four left, the 61st refused in memory.
      const served = [];
      for (let i = 0; i < 61; i++) served.push((await other.hit('10.1.2.3', 60)).allowed);
      expect(served.slice(0, 60).every(Boolean)).toBe(true);
      expect(served[60]).toBe(false);
      const own = await t.db
        .selectFrom('rate_limits')
        .select('hits')
        .where('key', '=', 'status:10.1.2.3')
        .executeTakeFirstOrThrow();
      expect(own.hits).toBe(64);
    } finally {
      t.app.ctx.statusChecks = earlier;
      t.app.ctx.rateLimitFactor = 100;
    }
  });
});
