import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng } from '../../../../tests/support/images';
import { activeHost, foreignerFields, registrationDocuments } from '../../../../tests/support/factories';
import { enrolledOperator } from '../../../../tests/support/operators';
import { pdfText, renderPdf } from '../../../../tests/support/pdf';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { decodeSeal, fromBase64Url } from '../../../shared/seal';
import { formatDateMultilingual, todayIso } from '../../../shared/dates';
import { verifySeal } from './cards.service';

// A Russian deployment prints the notice of arrival: the main part from the form's answers, and
// below the cut line the tear-off part the receiving party hands to the foreigner, with the seal.
const KYRGYZ = /Кыргыз|Kyrgyz|Бишкек|Bishkek|Санарип|талон|ң|ө|ү/i;

let t: TestApp;
let host: TestClient;
let operator: TestClient;
let pin: string;
let placeId: number;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'konok-notice-'));

beforeAll(async () => {
  t = await buildTestApp({ profile: 'ru', publicUrl: 'https://konok.test' }, { rateLimitFactor: 100 });
  host = new TestClient(t.app);
  ({ pin } = await activeHost(host, t.db, {
    phone: '7-912-345-67-89',
    personalNumber: '',
    passportCountry: 'RUS',
  }));
  const place = await host.postMultipart(
    '/api/properties',
    {
      region: '77',
      city: 'Москва',
      streetType: 'street',
      street: 'Тверская',
      house: '7',
      structure: '2',
      flat: '15',
      postalIndex: '125009',
      capacity: '3',
    },
    { scan: { body: solidPng(80, 60, [240, 240, 240]), filename: 'lease.png', type: 'image/png' } },
  );
  expect(place.statusCode, place.body).toBe(201);
  placeId = place.json().id;
  const op = await enrolledOperator(t.db, t.app.ctx.secrets, 'notice.operator@konok.example');
  operator = new TestClient(t.app);
  expect((await operator.post('/api/login', await op.login())).statusCode).toBe(200);
});
afterAll(async () => {
  await t.close();
  if (!process.env.KEEP_NOTICES) fs.rmSync(work, { recursive: true, force: true });
});

async function approved(passportNumber = 'NTC000471') {
  const created = await host.post('/api/registrations', {
    data: foreignerFields(placeId, {
      ...(await registrationDocuments(host)),
      surname: 'Oyelaran-Montgomery',
      givenNames: 'Maximiliana Alexandra',
      passportNumber,
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
    applicationNumber: applicationNumber as string,
    registrationNumber: decision.json().registrationNumber as string,
  };
}

describe('the notice of arrival (PROFILE=ru)', () => {
  it('is one A4 page with the main part, the cut line and the tear-off part, in Russian and English', async () => {
    const notice = await approved();
    const response = await host.get(`/api/registrations/${notice.id}/card.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(
      `arrival-notice-${notice.registrationNumber}.pdf`,
    );
    const pdf = response.rawPayload;
    const page = await renderPdf(pdf);
    fs.writeFileSync(path.join(work, 'notice.png'), page.png);
    // A4 portrait: 210 × 297 mm.
    expect(page.height / page.width).toBeCloseTo(297 / 210, 2);
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text.split('\n')).toHaveLength(1);
    const approvedOn = formatDateMultilingual(todayIso(), ['ru', 'en']);
    for (const expected of [
      'УВЕДОМЛЕНИЕ О ПРИБЫТИИ ИНОСТРАННОГО ГРАЖДАНИНА ИЛИ ЛИЦА БЕЗ ГРАЖДАНСТВА В МЕСТО ПРЕБЫВАНИЯ',
      'NOTICE OF ARRIVAL OF A FOREIGN CITIZEN OR STATELESS PERSON AT THE PLACE OF STAY',
      'МИНИСТЕРСТВО ВНУТРЕННИХ ДЕЛ РОССИЙСКОЙ ФЕДЕРАЦИИ',
      'Отрывная часть уведомления о прибытии иностранного гражданина или лица без гражданства',
      'Tear-off part of the notice of arrival',
      'Отметка о подтверждении выполнения принимающей стороной',
      'линия отреза / cut here',
      'Фамилия / Surname',
      'OYELARAN-MONTGOMERY',
      'MAXIMILIANA ALEXANDRA',
      'DEU — Германия / Germany',
      '17 мая/May 1990',
      'Москва',
      'Тверская',
      'Туризм / Tourism',
      'Сведения о принимающей стороне / The receiving party',
      `Номер заявления / Application number: ${notice.applicationNumber}`,
      `Дата одобрения / Date of approval: ${approvedOn}`,
      notice.registrationNumber,
    ])
      expect(text).toContain(expected);
    // The tear-off part repeats the name and the address for the foreigner.
    expect(text.split('Отрывная часть')[1]).toContain('OYELARAN-MONTGOMERY MAXIMILIANA ALEXANDRA');
    expect(text.split('Отрывная часть')[1]).toContain('Тверская');
    // Contacts are not on the notice; no word of Kyrgyzstan or its card.
    expect(text).not.toContain('anna@example.de');
    expect(text).not.toMatch(KYRGYZ);

    const found = jsQR(
      new Uint8ClampedArray(page.data.buffer, page.data.byteOffset, page.data.length),
      page.width,
      page.height,
    );
    expect(found?.data).toMatch(/^https:\/\/konok\.test\/v\/[A-Za-z0-9_-]+$/);
    const seal = found!.data.split('/v/')[1]!;
    expect(verifySeal(t.app.ctx, seal)).toMatchObject({
      registrationNumber: notice.registrationNumber,
      birthDate: '1990-05-17',
      nationality: 'DEU',
      documentNumber: 'NTC000471',
    });
    expect(decodeSeal(fromBase64Url(seal)!)!.data.registrationNumber).toBe(notice.registrationNumber);
    fs.writeFileSync(path.join(work, 'seal.txt'), seal);
  });

  it('is only for the host’s own approved registration', async () => {
    const notice = await approved('NTC000472');
    const other = new TestClient(t.app);
    await activeHost(other, t.db, { phone: '7-912-345-67-80', personalNumber: '', passportCountry: 'RUS' });
    expect((await other.get(`/api/registrations/${notice.id}/card.pdf`)).statusCode).toBe(404);
    expect((await operator.get(`/api/registrations/${notice.id}/card.pdf`)).statusCode).toBe(403);
  });
});
