import { expect } from 'vitest';
import jsQR from 'jsqr';
import { ru } from '../../src/shared/profiles/ru';
import { activeHost, completeRegistration } from './factories';
import { solidPng } from './images';
import { enrolledOperator } from './operators';
import { renderPdf } from './pdf';
import { TestClient, type TestApp } from './test-app';

/** A host of a Russian deployment with one place of stay (an address in Moscow) and an operator. */
export async function ruHostAndOperator(t: TestApp, operatorEmail: string) {
  const host = new TestClient(t.app);
  const { pin, email, password } = await activeHost(host, t.db, {
    phone: '7-912-345-67-89',
    personalNumber: '',
    passportCountry: 'RUS',
  });
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
  const op = await enrolledOperator(t.db, t.app.ctx.secrets, operatorEmail);
  const operator = new TestClient(t.app);
  expect((await operator.post('/api/login', await op.login())).statusCode).toBe(200);
  return { host, pin, email, password, placeId: place.json().id as number, operator };
}

/** A registration the host gave notice of and the operator approved. */
export async function approvedNotice(
  parties: Awaited<ReturnType<typeof ruHostAndOperator>>,
  overrides: Record<string, unknown> = {},
) {
  const { host, pin, placeId, operator } = parties;
  const created = await host.post('/api/registrations', {
    data: await completeRegistration(host, ru, placeId, overrides),
    pin,
  });
  expect(created.statusCode, created.body).toBe(201);
  const { id, applicationNumber } = created.json();
  expect((await operator.post(`/api/operator/applications/${id}/claim`)).statusCode).toBe(200);
  const decision = await operator.post(`/api/operator/applications/${id}/decision`, { decision: 'approve' });
  expect(decision.statusCode, decision.body).toBe(200);
  return {
    id: id as number,
    applicationNumber: applicationNumber as string,
    registrationNumber: decision.json().registrationNumber as string,
  };
}

/** A PDF's first page as printed, and the URL its QR code holds, read back from the pixels. */
export async function qrOfPdf(pdf: Buffer) {
  const page = await renderPdf(pdf);
  const found = jsQR(
    new Uint8ClampedArray(page.data.buffer, page.data.byteOffset, page.data.length),
    page.width,
    page.height,
  );
  return { page, url: found?.data };
}
