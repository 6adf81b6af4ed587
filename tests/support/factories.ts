import type { Db } from '../../src/server/db/database';
import { isProvided, requiredDocuments } from '../../src/shared/forms/documents';
import type { CountryProfile } from '../../src/shared/profiles/profile';
import { addDays, todayIso } from '../../src/shared/schemas';
import { solidPng } from './images';
import { solveCaptcha, type TestClient } from './test-app';

export const passportScan = () => ({
  body: solidPng(60, 40, [230, 230, 230]),
  filename: 'passport.png',
  type: 'image/png',
});
export const photo = () => ({
  body: solidPng(30, 40, [200, 180, 170]),
  filename: 'photo.png',
  type: 'image/png',
});

let counter = 0;
export function signupFields(overrides: Record<string, string> = {}): Record<string, string> {
  counter += 1;
  return {
    surname: 'TESTOVA',
    givenNames: 'AIZADA',
    birthDate: '1990-05-17',
    sex: 'F',
    passportType: 'passport',
    passportCountry: 'KGZ',
    passportNumber: 'PE1234590',
    passportIssueDate: '2020-02-01',
    passportExpiryDate: '2030-02-01',
    personalNumber: '11705199000123',
    phone: '996-700-123456',
    email: `host${counter}.${Date.now()}@example.kg`,
    password: 'correct horse battery staple',
    passwordRepeat: 'correct horse battery staple',
    ...overrides,
  };
}

export async function startSignup(client: TestClient): Promise<string> {
  const captcha = await solveCaptcha(client);
  const response = await client.post('/api/signup/start', {
    subjectType: 'citizen_owner',
    acceptTerms: true,
    captcha,
  });
  if (response.statusCode !== 200) throw new Error(`signup start failed: ${response.body}`);
  return (response.json() as { ticket: string }).ticket;
}

export async function submitSignup(
  client: TestClient,
  options: {
    fields?: Record<string, string>;
    ticket?: string;
    files?: Record<string, { body: Buffer; filename: string; type: string }>;
  } = {},
) {
  const ticket = options.ticket ?? (await startSignup(client));
  const fields = options.fields ?? signupFields();
  return client.postMultipart(
    '/api/signup',
    { ticket, ...fields },
    options.files ?? { passportFile: passportScan(), photo: photo() },
  );
}

/** The newest message the outbox holds for a recipient (e-mail address or phone digits). */
export async function lastMessage(db: Db, recipient: string, channel: 'email' | 'sms' = 'email') {
  const row = await db
    .selectFrom('outbox')
    .select(['subject', 'body'])
    .where('recipient', '=', recipient)
    .where('channel', '=', channel)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) throw new Error(`no ${channel} message for the recipient`);
  return row;
}

export const codeIn = (text: string) => /(\d{6})/.exec(text)?.[1] ?? '';

/** An activated host with a session in `client`; returns its e-mail, password and PIN. */
export async function activeHost(client: TestClient, db: Db, overrides: Record<string, string> = {}) {
  const fields = signupFields(overrides);
  const signup = await submitSignup(client, { fields });
  if (signup.statusCode !== 201) throw new Error(`signup failed: ${signup.body}`);
  const code = codeIn((await lastMessage(db, fields.email!)).body);
  const activated = await client.post('/api/signup/activate', { code });
  if (activated.statusCode !== 200) throw new Error(`activation failed: ${activated.body}`);
  const pin = codeIn((await lastMessage(db, fields.email!)).body);
  const login = await client.post('/api/login', { email: fields.email, password: fields.password });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  return { email: fields.email!, password: fields.password!, pin, phone: fields.phone!.replace(/\D/g, '') };
}

/** A property of the host in `client`, from a registry code. */
export async function addProperty(client: TestClient, code: string, capacity: number): Promise<number> {
  const response = await client.postMultipart(
    '/api/properties',
    { code, capacity: String(capacity) },
    { scan: { body: solidPng(80, 60, [240, 240, 240]), filename: 'scan.png', type: 'image/png' } },
  );
  if (response.statusCode !== 201) throw new Error(`adding a property failed: ${response.body}`);
  return (response.json() as { id: number }).id;
}

/** A foreigner's registration form as a host would fill it in, staying from yesterday for three weeks. */
export const foreignerFields = (propertyId: number, overrides: Record<string, unknown> = {}) => ({
  propertyId,
  surname: 'Muller',
  givenNames: 'Anna',
  birthDate: '1990-05-17',
  sex: 'F',
  passportType: 'passport',
  passportCountry: 'DEU',
  passportNumber: 'C01X00T47',
  passportIssueDate: '2020-02-01',
  passportExpiryDate: '2031-02-01',
  entryDate: addDays(todayIso(), -2),
  phone: '+49 151 23456789',
  email: 'anna@example.de',
  periodFrom: addDays(todayIso(), -1),
  periodTo: addDays(todayIso(), 20),
  purpose: 'tourism',
  ...overrides,
});

/** The foreigner's passport page and photo, uploaded by the host in `client`, as the form does. */
export async function registrationDocuments(client: TestClient) {
  const upload = async (kind: 'passport' | 'photo') => {
    const file = kind === 'passport' ? passportScan() : photo();
    const response = await client.postMultipart('/api/registrations/documents', { kind }, { file });
    if (response.statusCode !== 201) throw new Error(`upload failed: ${response.body}`);
    return (response.json() as { id: number }).id;
  };
  return { passportDocumentId: await upload('passport'), photoDocumentId: await upload('photo') };
}

/** A host of a Russian deployment (a Russian mobile number, no Kyrgyz personal number), logged in. */
export const activeRuHost = (client: TestClient, db: Db, phone = '7-912-345-67-89') =>
  activeHost(client, db, { phone, personalNumber: '', passportCountry: 'RUS' });

/** A place of stay of the host in `client`, by its address (a profile whose places are addresses). */
export async function addAddressPlace(client: TestClient): Promise<number> {
  const response = await client.postMultipart(
    '/api/properties',
    {
      region: '77',
      city: 'Москва',
      streetType: 'street',
      street: 'Тверская',
      house: '7',
      flat: '15',
      postalIndex: '125009',
      capacity: '3',
    },
    { scan: { body: solidPng(80, 60, [240, 240, 240]), filename: 'lease.png', type: 'image/png' } },
  );
  if (response.statusCode !== 201) throw new Error(`adding a place failed: ${response.body}`);
  return (response.json() as { id: number }).id;
}

/**
 * What a host answers to the fields a country's form asks beyond the core, by field name: a
 * profile's form takes those it declares (Russia's: the dwelling's owner receives a foreigner who
 * entered on a migration card).
 */
const COUNTRY_ANSWERS: Record<string, unknown> = {
  receivingParty: 'owner',
  hostPassportSeries: '4512',
  hostPassportNumber: '345678',
  dwellingRented: false,
  passportIssuedBy: 'Stadt Berlin',
  stayDocument: 'migrationCard',
  migrationCardSeries: '4512',
  migrationCardNumber: '1234567',
  entryCheckpoint: 'Шереметьево',
};

/**
 * A complete registration form of `profile`, as the host in `client` fills it in: the foreigner
 * of `foreignerFields`, the country's own answers, the passport page and photo, and a file for
 * each document the profile's checklist asks for these answers (`overrides` win over all).
 */
export async function completeRegistration(
  client: TestClient,
  profile: CountryProfile,
  propertyId: number,
  overrides: Record<string, unknown> = {},
) {
  const form = profile.registrationForm;
  const declared = new Set(form.fields.map((field) => field.name));
  const own = Object.fromEntries(Object.entries(COUNTRY_ANSWERS).filter(([name]) => declared.has(name)));
  const uploads = 'passportDocumentId' in overrides ? {} : await registrationDocuments(client);
  const answers: Record<string, unknown> = foreignerFields(propertyId, { ...own, ...uploads, ...overrides });
  if (!('attachments' in overrides)) {
    const attachments = [];
    for (const item of requiredDocuments(form, answers)) {
      if (isProvided(item, answers)) continue;
      const response = await client.postMultipart(
        '/api/registrations/attachments',
        { type: item.type },
        {
          file: {
            body: Buffer.from(`%PDF-1.4\n% ${item.type}\n%%EOF\n`),
            filename: `${item.type}.pdf`,
            type: 'application/pdf',
          },
        },
      );
      if (response.statusCode !== 201) throw new Error(`attaching ${item.type} failed: ${response.body}`);
      attachments.push({ type: item.type, documentId: (response.json() as { id: number }).id });
    }
    if (attachments.length > 0) answers.attachments = attachments;
  }
  return answers;
}
