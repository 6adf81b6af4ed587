import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeHost } from '../../../../tests/support/factories';
import { pdfText } from '../../../../tests/support/pdf';
import { approvedNotice, qrOfPdf, ruHostAndOperator } from '../../../../tests/support/ru-notices';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { decodeSeal, fromBase64Url } from '../../../shared/seal';
import { formatDateMultilingual, todayIso } from '../../../shared/dates';
import { verifySeal } from './cards.service';

// A Russian deployment prints the notice of arrival: the main part from the form's answers, and
// below the cut line the tear-off part the receiving party hands to the foreigner, with the seal.
const KYRGYZ = /Кыргыз|Kyrgyz|Бишкек|Bishkek|Санарип|талон|ң|ө|ү/i;

let t: TestApp;
let parties: Awaited<ReturnType<typeof ruHostAndOperator>>;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'konok-notice-'));

beforeAll(async () => {
  t = await buildTestApp({ profile: 'ru', publicUrl: 'https://konok.test' }, { rateLimitFactor: 100 });
  parties = await ruHostAndOperator(t, 'notice.operator@konok.example');
});
afterAll(async () => {
  await t.close();
  if (!process.env.KEEP_NOTICES) fs.rmSync(work, { recursive: true, force: true });
});

describe('the notice of arrival (PROFILE=ru)', () => {
  it('is one A4 page with the main part, the cut line and the tear-off part, in Russian and English', async () => {
    const notice = await approvedNotice(parties, {
      surname: 'Oyelaran-Montgomery',
      givenNames: 'Maximiliana Alexandra',
      passportNumber: 'NTC000471',
    });
    const response = await parties.host.get(`/api/registrations/${notice.id}/card.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(
      `arrival-notice-${notice.registrationNumber}.pdf`,
    );
    const pdf = response.rawPayload;
    const { page, url } = await qrOfPdf(pdf);
    fs.writeFileSync(path.join(work, 'notice.png'), page.png);
    // A4 portrait: 210 × 297 mm.
    expect(page.height / page.width).toBeCloseTo(297 / 210, 2);
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text.split('\n')).toHaveLength(1);
    const approvedOn = formatDateMultilingual(todayIso(new Date(), t.app.ctx.profile.clock), ['ru', 'en']);
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
      'Принимающая сторона / Receiving party',
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

    expect(url).toMatch(/^https:\/\/konok\.test\/v\/[A-Za-z0-9_-]+$/);
    const seal = url!.split('/v/')[1]!;
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
    const notice = await approvedNotice(parties, { passportNumber: 'NTC000472' });
    const other = new TestClient(t.app);
    await activeHost(other, t.db, { phone: '7-912-345-67-80', personalNumber: '', passportCountry: 'RUS' });
    expect((await other.get(`/api/registrations/${notice.id}/card.pdf`)).statusCode).toBe(404);
    expect((await parties.operator.get(`/api/registrations/${notice.id}/card.pdf`)).statusCode).toBe(403);
  });
});
