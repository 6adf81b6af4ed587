import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChecklist } from '../../../../tests/support/checklist-form';
import {
  activeHost,
  addProperty,
  foreignerFields,
  registrationDocuments,
} from '../../../../tests/support/factories';
import { doc, docx } from '../../../../tests/support/office';
import { enrolledOperator } from '../../../../tests/support/operators';
import { buildTestApp, TestClient, withoutFee, type TestApp } from '../../../../tests/support/test-app';
import { MAX_UPLOAD_BYTES } from '../../../shared/schemas';

let t: TestApp;
let host: TestClient;
let other: TestClient;
let pin: string;
let propertyId: number;
let documents: { passportDocumentId: number; photoDocumentId: number };

const white = { r: 255, g: 255, b: 255 };
const image = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: white } });
/** A passport page (ID-3, 4.92 in on its long side) scanned at 300 dpi. */
const passportPageScan = () => image(1476, 1040).jpeg().toBuffer();
const pdf = (extra = '') => Buffer.from(`%PDF-1.4\n${extra}\n%%EOF\n`);

async function attach(client: TestClient, type: string, body: Buffer, filename = 'scan.pdf') {
  return client.postMultipart(
    '/api/registrations/attachments',
    { type },
    { file: { body, filename, type: 'application/octet-stream' } },
  );
}
async function attached(type: string, body: Buffer | Promise<Buffer> = pdf()) {
  const response = await attach(host, type, await body);
  expect(response.statusCode, response.body).toBe(201);
  return { type, documentId: (response.json() as { id: number }).id };
}

async function operator(email: string) {
  const enrolled = await enrolledOperator(t.db, t.app.ctx.secrets, email);
  const client = new TestClient(t.app);
  expect((await client.post('/api/login', await enrolled.login())).statusCode).toBe(200);
  return { id: enrolled.id, client };
}

beforeAll(async () => {
  t = await buildTestApp();
  withoutFee(t.app.ctx);
  t.app.ctx.profile = withChecklist(t.app.ctx.profile);
  host = new TestClient(t.app);
  other = new TestClient(t.app);
  ({ pin } = await activeHost(host, t.db));
  await activeHost(other, t.db);
  const code = (
    await t.db.selectFrom('property_registry').select('code').orderBy('code').executeTakeFirstOrThrow()
  ).code;
  propertyId = await addProperty(host, code, 50);
  documents = await registrationDocuments(host);
});
afterAll(async () => t.close());

describe('a checklist file is refused, with what is wrong with it', () => {
  it('a Word document, even renamed .pdf, by its format', async () => {
    host.language = 'ru';
    try {
      for (const [body, format] of [
        [docx(), 'DOCX'],
        [doc(), 'DOC'],
      ] as const) {
        const response = await attach(host, 'leaseAgreement', body, 'lease.pdf');
        expect(response.statusCode).toBe(400);
        expect(response.json().fields.file).toEqual({
          key: 'errors.file.format',
          message: `Формат ${format} не принимается: загрузите PDF, JPEG или PNG`,
        });
      }
    } finally {
      host.language = 'en';
    }
  });

  it('a scan below 300 dpi for its page, with the dpi measured from its pixels', async () => {
    // An A4 page (11.69 in on the long side) at 299 dpi: 3496 px. Its metadata says 600.
    const scan = await image(2472, 3496).withMetadata({ density: 600 }).png().toBuffer();
    const response = await attach(host, 'ownershipDocument', scan, 'title.png');
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.file).toEqual({
      key: 'errors.file.lowDpi',
      message: 'The scan is 299 dpi, at least 300 dpi is needed: scan the document again',
    });
    // The same pixels are plenty for a passport page.
    expect((await attach(host, 'hostPassport', scan, 'passport.png')).statusCode).toBe(201);
  });

  it('a CMYK image, while a CMYK PDF is fine', async () => {
    const cmyk = await image(1476, 1040).toColourspace('cmyk').jpeg().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const response = await attach(host, 'visa', cmyk, 'visa.jpg');
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.file.key).toBe('errors.file.cmyk');
    const printed = await attach(host, 'visa', pdf('1 0 obj << /ColorSpace /DeviceCMYK >> endobj'));
    expect(printed.statusCode).toBe(201);
    expect(printed.json()).toMatchObject({ type: 'visa', mediaType: 'application/pdf' });
  });

  it('a file over 5 MB, with its size and the limit', async () => {
    const body = Buffer.concat([pdf(), Buffer.alloc(MAX_UPLOAD_BYTES + 1 - pdf().length, 0x20)]);
    expect(body.length).toBe(MAX_UPLOAD_BYTES + 1);
    const response = await attach(host, 'leaseAgreement', body);
    expect(response.statusCode).toBe(413);
    expect(response.json().fields.file).toEqual({
      key: 'errors.file.tooLargeSized',
      message: 'The file is 5.01 MB, more than the 5 MB allowed: split the document into parts',
    });
  });

  it('a type the checklist does not have', async () => {
    const response = await attach(host, 'diploma', pdf());
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.type.key).toBe('errors.attachment.type');
  });
});

const count = async (table: 'registrations' | 'registration_documents') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('a registration carries its checklist', () => {
  it('is refused, one problem per missing item, by «Проверка данных» and by confirm, with nothing written', async () => {
    const data = foreignerFields(propertyId, {
      ...documents,
      passportNumber: 'CHK00001',
      receivingParty: 'relative',
      stayDocument: 'visa',
      attachments: [await attached('visa')],
    });
    const before = [await count('registrations'), await count('registration_documents')];
    host.language = 'ru';
    try {
      for (const response of [
        await host.post('/api/registrations/check', data),
        await host.post('/api/registrations', { data, pin }),
      ]) {
        expect(response.statusCode).toBe(400);
        expect(response.json().fields).toEqual({
          'attachments.hostPassport': {
            key: 'errors.attachment.missing',
            message: 'Отсутствует обязательный документ: Паспорт принимающей стороны',
          },
          'attachments.relationProof': {
            key: 'errors.attachment.missing',
            message: 'Отсутствует обязательный документ: Документ о родстве',
          },
        });
      }
    } finally {
      host.language = 'en';
    }
    expect([await count('registrations'), await count('registration_documents')]).toEqual(before);
  });

  it('takes only the host’s own checklist uploads', async () => {
    const othersVisa = await attach(other, 'visa', pdf());
    const response = await host.post(
      '/api/registrations/check',
      foreignerFields(propertyId, {
        ...documents,
        passportNumber: 'CHK00002',
        receivingParty: 'organisation',
        stayDocument: 'visa',
        attachments: [
          { type: 'visa', documentId: othersVisa.json().id },
          // The passport page is a core upload, not a checklist file.
          { type: 'foreignerPassport', documentId: documents.passportDocumentId },
        ],
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().fields).sort()).toEqual([
      'attachments.foreignerPassport',
      'attachments.visa',
    ]);
  });

  it('is kept by item and part; an operator marks a file not accepted and the host reads why', async () => {
    const lease = [await attached('leaseAgreement'), await attached('leaseAgreement')];
    const attachments = [
      await attached('migrationCard', passportPageScan()),
      ...lease,
      await attached('ownerConsent'),
      await attached('hostPassport', passportPageScan()),
    ];
    const created = await host.post('/api/registrations', {
      data: foreignerFields(propertyId, {
        ...documents,
        passportNumber: 'CHK00003',
        receivingParty: 'owner',
        dwellingRented: true,
        stayDocument: 'migrationCard',
        attachments,
      }),
      pin,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const rows = await t.db
      .selectFrom('registration_documents')
      .select(['document_id', 'type', 'position'])
      .where('registration_id', '=', id)
      .orderBy('document_id')
      .execute();
    expect(rows.map((r) => [Number(r.document_id), r.type, r.position])).toEqual([
      [lease[0]!.documentId, 'leaseAgreement', 1],
      [lease[1]!.documentId, 'leaseAgreement', 2],
      [attachments[0]!.documentId, 'migrationCard', 1],
      [attachments[3]!.documentId, 'ownerConsent', 1],
      [attachments[4]!.documentId, 'hostPassport', 1],
    ]);

    const { client: op } = await operator('checklist.operator@konok.example');
    const { client: otherOp } = await operator('checklist.other@konok.example');
    expect((await op.post(`/api/operator/applications/${id}/claim`)).statusCode).toBe(200);
    const view = (await op.get(`/api/operator/applications/${id}`)).json();
    expect(view.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([
      'MULLER_ANNA_MigrationCard.jpg',
      'MULLER_ANNA_LeaseAgreement_part1.pdf',
      'MULLER_ANNA_LeaseAgreement_part2.pdf',
      'MULLER_ANNA_OwnerConsent.pdf',
      'MULLER_ANNA_HostPassport.jpg',
    ]);
    // The operator opens each file through the documents route, as for the passport page.
    expect((await op.get(`/api/documents/${lease[1]!.documentId}`)).statusCode).toBe(200);

    const reject = (client: TestClient, reason: string, documentId = lease[1]!.documentId) =>
      client.post(`/api/operator/applications/${id}/attachments/${documentId}/reject`, { reason });
    expect((await reject(op, '  ')).json().fields.reason.key).toBe('errors.attachment.reason');
    expect((await reject(otherOp, 'Не видно подписи')).statusCode).toBe(409);
    expect((await reject(op, 'Не видно подписи', documents.passportDocumentId)).statusCode).toBe(404);
    expect((await reject(host, 'Не видно подписи')).statusCode).toBe(403);
    const rejected = await reject(op, 'Не видно подписи собственника');
    expect(rejected.statusCode, rejected.body).toBe(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('action', '=', 'registration.attachment.reject')
      .execute();
    expect(audit).toHaveLength(1);

    // The status is the operator's next decision, not this mark's.
    const archive = (await host.get('/api/registrations')).json();
    const mine = archive.items.find((item: { id: number }) => item.id === id);
    expect(mine.status).toBe('in_review');
    expect(mine.attachments.filter((a: { rejectedReason: string | null }) => a.rejectedReason)).toEqual([
      expect.objectContaining({
        type: 'leaseAgreement',
        part: 2,
        fileName: 'MULLER_ANNA_LeaseAgreement_part2.pdf',
        rejectedReason: 'Не видно подписи собственника',
      }),
    ]);
  });
});
