import { solidPng } from './images';
import { solveCaptcha, TestClient, type TestApp } from './test-app';

// A Russian organisation's application for a cabinet (PROFILE=ru), as its trusted person fills in
// the form: a hotel on Тверская with two places of stay, every document attached.

export const scan = (name: string) => ({
  body: solidPng(80, 60, [235, 232, 228]),
  filename: `${name}.png`,
  type: 'image/png',
});
export const address = (overrides: Record<string, unknown> = {}) => ({
  region: '77',
  city: 'Москва',
  streetType: 'street',
  street: 'Тверская',
  house: '7',
  flat: '1',
  postalIndex: '125009',
  capacity: 30,
  ...overrides,
});

export function fields(overrides: Record<string, string> = {}) {
  return {
    legalForm: 'ooo',
    name: 'Гостиница «Тверская»',
    taxNumber: '7707083893',
    registrationNumber: '1027700132195',
    kpp: '773601001',
    legalAddress: '125009, Москва, улица Тверская, д. 7',
    actualAddress: '125009, Москва, улица Тверская, д. 7',
    activity: 'Гостиничные услуги',
    headName: 'Иванов Иван Иванович',
    headAddress: 'Москва, улица Арбат, д. 1, кв. 2',
    phone: '7-912-345-67-00',
    email: 'reception@tverskaya-hotel.example',
    trustedPosition: 'Администратор',
    trustedName: 'Петрова Анна Сергеевна',
    trustedAddress: 'Москва, улица Арбат, д. 3, кв. 4',
    properties: JSON.stringify([address(), address({ house: '9', flat: '', capacity: 12 })]),
    acceptTerms: 'true',
    ...overrides,
  };
}
export const files = (count = 2) => ({
  registerExtract: scan('egrul'),
  powerOfAttorney: scan('power-of-attorney'),
  trustedPassport: scan('passport'),
  ...Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`propertyDocument.${i}`, scan(`lease-${i}`)]),
  ),
});

/** Sends the application through the security check, as the public form does. */
export async function applyForCabinet(
  t: TestApp,
  formFields = fields(),
  formFiles: Record<string, ReturnType<typeof scan>> = files(),
) {
  const client = new TestClient(t.app, 'ru');
  const { ticket } = (
    await client.post('/api/legal-entities/start', { acceptTerms: true, captcha: await solveCaptcha(client) })
  ).json();
  return client.postMultipart('/api/legal-entities/applications', { ...formFields, ticket }, formFiles);
}
