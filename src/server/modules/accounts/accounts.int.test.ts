import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TestClient, solveCaptcha, type TestApp } from '../../../../tests/support/test-app';
import {
  activeHost,
  codeIn,
  lastMessage,
  passportScan,
  photo,
  signupFields,
  startSignup,
  submitSignup,
} from '../../../../tests/support/factories';
import { keyedHash } from '../../security/crypto';
import type { AppError } from '../../http/errors';
import sharp from 'sharp';
import { readDocument } from '../documents/documents.service';
import { confirmPin } from './accounts.service';

const pinMatches = (ctx: Parameters<typeof confirmPin>[0], hostId: number, pin: string) =>
  confirmPin(ctx, hostId, pin).then(
    () => true,
    () => false,
  );

let t: TestApp;
let client: TestClient;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());
beforeEach(() => {
  client = new TestClient(t.app);
});

const hostCount = async () =>
  Number((await sql<{ n: number }>`select count(*)::int as n from hosts`.execute(t.db)).rows[0]!.n);
const documentCount = async () =>
  Number((await sql<{ n: number }>`select count(*)::int as n from documents`.execute(t.db)).rows[0]!.n);

describe('opening a cabinet', () => {
  it('goes from security check to activation, sends the PIN and lets the host log in', async () => {
    const fields = signupFields({ email: 'Aizada.Testova@Example.KG' });
    const signup = await submitSignup(client, { fields });
    expect(signup.statusCode).toBe(201);

    // The activation code goes by e-mail and SMS, valid 10 minutes.
    const email = await lastMessage(t.db, fields.email!);
    const sms = await lastMessage(t.db, '996700123456', 'sms');
    const code = codeIn(email.body);
    expect(code).toMatch(/^\d{6}$/);
    expect(codeIn(sms.body)).toBe(code);
    const activation = (await client.get('/api/signup/activation')).json();
    expect(activation).toMatchObject({ email: fields.email, phone: '996-700-123456', activated: false });
    const minutesLeft = (Date.parse(activation.expiresAt) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(9.5);
    expect(minutesLeft).toBeLessThanOrEqual(10);

    // Not yet activated: login (say, from another browser) sends a new code instead of opening the cabinet.
    const otherBrowser = new TestClient(t.app);
    const early = await otherBrowser.post('/api/login', { email: fields.email, password: fields.password });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('activation_required');
    const replaced = await client.post('/api/signup/activate', { code });
    expect(replaced.statusCode).toBe(400);
    expect(replaced.json().fields.code.message).toBe('A newer code was sent. Enter the newest code.');
    const newCode = codeIn((await lastMessage(t.db, fields.email!)).body);

    const activate = await otherBrowser.post('/api/signup/activate', { code: newCode });
    expect(activate.statusCode).toBe(200);
    const pinMail = await lastMessage(t.db, fields.email!);
    const pin = codeIn(pinMail.body);
    expect(pinMail.subject).toBe('Konok: your PIN');
    expect(codeIn((await lastMessage(t.db, '996700123456', 'sms')).body)).toBe(pin);

    // Stored: the PIN only as a keyed hash, the passport number encrypted.
    const row = await t.db
      .selectFrom('hosts')
      .selectAll()
      .where(sql`lower(email)`, '=', fields.email!.toLowerCase())
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
    expect(row.pin_hash).not.toContain(pin);
    expect(row.passport_number_enc).not.toContain('PE1234590');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await pinMatches(t.app.ctx, row.id, pin)).toBe(true);
    expect(await pinMatches(t.app.ctx, row.id, pin === '000000' ? '111111' : '000000')).toBe(false);
    const consents = await t.db
      .selectFrom('consents')
      .select(['document', 'version'])
      .where('host_id', '=', row.id)
      .execute();
    expect(consents.map((c) => c.document).sort()).toEqual(['privacy', 'terms']);

    // The e-mail is the login, whatever its case.
    const login = await client.post('/api/login', {
      email: fields.email!.toUpperCase(),
      password: fields.password,
    });
    expect(login.statusCode).toBe(200);
    const account = (await client.get('/api/account')).json();
    expect(account).toMatchObject({
      surname: 'TESTOVA',
      givenNames: 'AIZADA',
      passportNumberMasked: 'PE***90',
      passportCountry: 'KGZ',
      passportExpiryDate: '2030-02-01',
      phone: '996-700-123456',
    });
  });

  it('stores the files with the account and keeps the passport number out of every answer', async () => {
    // What came from the passport's MRZ, and what the user then changed, is kept for the operator.
    const fields = signupFields({
      mrzFields: 'surname,givenNames,passportType',
      mrzChangedFields: 'passportType',
    });
    const response = await submitSignup(client, { fields });
    expect(response.statusCode).toBe(201);
    expect(response.body).not.toContain('PE1234590');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'host.signup')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({
      mrzFields: ['surname', 'givenNames', 'passportType'],
      mrzChangedFields: ['passportType'],
    });
    // The account points at its two files, the files name the account as owner, and the stored
    // passport scan is the very image that was uploaded.
    const host = await t.db
      .selectFrom('hosts')
      .select(['id', 'passport_document_id', 'photo_document_id'])
      .where('email', '=', fields.email!)
      .executeTakeFirstOrThrow();
    const docs = await t.db
      .selectFrom('documents')
      .select(['id', 'kind', 'media_type', 'owner_host_id'])
      .where('id', 'in', [host.passport_document_id, host.photo_document_id])
      .orderBy('id')
      .execute();
    expect(docs).toEqual([
      {
        id: host.passport_document_id,
        kind: 'host-passport',
        media_type: 'image/png',
        owner_host_id: host.id,
      },
      { id: host.photo_document_id, kind: 'host-photo', media_type: 'image/png', owner_host_id: host.id },
    ]);
    const stored = await readDocument(t.app.ctx, host.passport_document_id!, {
      kind: 'host',
      hostId: host.id,
    });
    const pixels = (png: Buffer) => sharp(png).raw().toBuffer();
    expect((await pixels(stored!.body)).equals(await pixels(passportScan().body))).toBe(true);
  });
});

describe('bad input on signup gets a clear 4xx and leaves no half-made account', () => {
  const expectNoAccount = async (before: { hosts: number; documents: number }) => {
    expect(await hostCount()).toBe(before.hosts);
    expect(await documentCount()).toBe(before.documents);
  };
  const counts = async () => ({ hosts: await hostCount(), documents: await documentCount() });

  it('weak password, mismatched passwords, bad phone: every field error at once, in the user’s language', async () => {
    const before = await counts();
    client.language = 'ru';
    const response = await submitSignup(client, {
      fields: signupFields({
        password: 'password',
        passwordRepeat: 'different',
        phone: '12345',
        surname: 'Тестова',
      }),
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.fields.passwordRepeat.message).toBe('Пароли не совпадают');
    expect(body.fields.phone.message).toBe('Введите номер кыргызского оператора в виде 996-555-123456');
    expect(body.fields.surname.message).toBe('Используйте латинские буквы (A–Z), как в паспорте');
    await expectNoAccount(before);

    client.language = 'en';
    const common = await submitSignup(client, {
      fields: signupFields({ password: 'qwertyuiop', passwordRepeat: 'qwertyuiop' }),
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().fields.password.message).toMatch(/too common/);
    const short = await submitSignup(client, {
      fields: signupFields({ password: 'abc', passwordRepeat: 'abc' }),
    });
    expect(short.json().fields.password.message).toBe('The password must have at least 8 characters');
    await expectNoAccount(before);
  });

  it('duplicate e-mail (in any letter case)', async () => {
    const fields = signupFields();
    expect((await submitSignup(client, { fields })).statusCode).toBe(201);
    const before = await counts();
    const again = await submitSignup(new TestClient(t.app), {
      fields: { ...fields, email: fields.email!.toUpperCase() },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().fields.email.message).toMatch(/already exists/);
    await expectNoAccount(before);
  });

  it('a text file named .png, a 6 MB file, a missing photo', async () => {
    const before = await counts();
    const fake = await submitSignup(client, {
      files: {
        passportFile: {
          body: Buffer.from('just some text, not an image'),
          filename: 'passport.png',
          type: 'image/png',
        },
        photo: photo(),
      },
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().fields.passportFile.message).toBe('The file must be a PDF, JPEG or PNG');

    const big = Buffer.concat([passportScan().body, Buffer.alloc(6 * 1024 * 1024, 7)]);
    const tooLarge = await submitSignup(client, {
      files: { passportFile: { body: big, filename: 'passport.png', type: 'image/png' }, photo: photo() },
    });
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.json().fields.passportFile.message).toBe('The file is larger than 5 MB');

    const noPhoto = await submitSignup(client, { files: { passportFile: passportScan() } });
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().fields.photo.message).toBe('Choose a file');
    await expectNoAccount(before);
  });

  it('a PDF passport page is accepted', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const response = await submitSignup(client, {
      files: { passportFile: { body: pdf, filename: 'scan.pdf', type: 'application/pdf' }, photo: photo() },
    });
    expect(response.statusCode).toBe(201);
  });

  it('missing captcha, wrong captcha, replayed captcha, replayed signup ticket', async () => {
    const missing = await client.post('/api/signup/start', {
      subjectType: 'citizen_owner',
      acceptTerms: true,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields.captcha.message).toBe('Complete the security check');

    const noConsent = await client.post('/api/signup/start', { subjectType: 'citizen_owner', captcha: 'x' });
    expect(noConsent.json().fields.acceptTerms.message).toMatch(/Accept the user agreement/);

    const forged = await client.post('/api/signup/start', {
      subjectType: 'citizen_owner',
      acceptTerms: true,
      captcha: Buffer.from(
        JSON.stringify({ algorithm: 'SHA-256', challenge: 'a', number: 1, salt: 'b', signature: 'c' }),
      ).toString('base64'),
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().fields.captcha.key).toBe('errors.captcha.invalid');

    const captcha = await solveCaptcha(client);
    const first = await client.post('/api/signup/start', {
      subjectType: 'citizen_owner',
      acceptTerms: true,
      captcha,
    });
    expect(first.statusCode).toBe(200);
    const replay = await client.post('/api/signup/start', {
      subjectType: 'citizen_owner',
      acceptTerms: true,
      captcha,
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().fields.captcha.message).toBe('This security check was already used. Do it again.');

    const ticket = first.json().ticket as string;
    expect((await submitSignup(client, { ticket })).statusCode).toBe(201);
    const before = await counts();
    const again = await submitSignup(client, { ticket });
    expect(again.statusCode).toBe(400);
    expect(again.json().fields.ticket.key).toBe('errors.signup.restart');
    const tampered = await submitSignup(client, {
      ticket: ticket.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')),
    });
    expect(tampered.statusCode).toBe(400);
    await expectNoAccount(before);
  });

  it('a missing or wrong CSRF token is refused before anything happens', async () => {
    const before = await counts();
    const ticket = await startSignup(client);
    const wrong = await client.request('POST', '/api/signup/start', {
      json: { subjectType: 'citizen_owner', acceptTerms: true, captcha: 'x' },
      csrf: 'forged',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.message).toMatch(/security token/);
    const none = await client.request('POST', '/api/login', {
      json: { email: 'a@b.kg', password: 'whatever1' },
      csrf: false,
    });
    expect(none.statusCode).toBe(403);
    expect(ticket).toBeTruthy();
    await expectNoAccount(before);
  });

  it('malformed JSON is a 400, not a 500', async () => {
    await client.get('/api/session');
    const response = await client.request('POST', '/api/login', {
      body: Buffer.from('{"email":'),
      contentType: 'application/json',
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('activation code', () => {
  it('wrong code counts down, the 6th try is refused even with the right code, resend has a cooldown', async () => {
    const fields = signupFields();
    await submitSignup(client, { fields });
    const code = codeIn((await lastMessage(t.db, fields.email!)).body);
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await client.post('/api/signup/activate', { code: wrongCode });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields.code.message).toBe(`The code is wrong. Attempts left: ${5 - attempt}`);
    }
    const fifth = await client.post('/api/signup/activate', { code: wrongCode });
    expect(fifth.json().fields.code.message).toMatch(/entered wrongly 5 times/);
    const sixth = await client.post('/api/signup/activate', { code });
    expect(sixth.statusCode).toBe(400);
    expect(sixth.json().fields.code.message).toMatch(/entered wrongly 5 times/);

    const tooSoon = await client.post('/api/signup/resend');
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.headers['retry-after']).toBeDefined();

    await t.db
      .updateTable('one_time_codes')
      .set({ sent_at: new Date(Date.now() - 61_000) })
      .where('purpose', '=', 'activation')
      .execute();
    const resent = await client.post('/api/signup/resend');
    expect(resent.statusCode).toBe(200);
    const newCode = codeIn((await lastMessage(t.db, fields.email!)).body);
    expect((await client.post('/api/signup/activate', { code: newCode })).statusCode).toBe(200);
  });

  it('an expired code is refused with a clear message', async () => {
    const fields = signupFields();
    await submitSignup(client, { fields });
    const code = codeIn((await lastMessage(t.db, fields.email!)).body);
    await t.db
      .updateTable('one_time_codes')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('purpose', '=', 'activation')
      .where('used_at', 'is', null)
      .execute();
    const response = await client.post('/api/signup/activate', { code });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.code.message).toBe('The code has expired. Send a new code.');
    const host = await t.db
      .selectFrom('hosts')
      .select('status')
      .where('email', '=', fields.email!)
      .executeTakeFirstOrThrow();
    expect(host.status).toBe('pending_activation');
  });

  it('without the activation cookie there is nothing to activate', async () => {
    const response = await new TestClient(t.app).post('/api/signup/activate', { code: '123456' });
    expect(response.statusCode).toBe(404);
  });
});

describe('login', () => {
  it('does not tell a wrong password from an unknown e-mail, and locks after 5 failures', async () => {
    const host = await activeHost(client, t.db);
    const fresh = new TestClient(t.app);
    const unknown = await fresh.post('/api/login', {
      email: 'nobody@example.kg',
      password: 'whatever-password',
    });
    const wrong = await fresh.post('/api/login', { email: host.email, password: 'wrong-password' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    for (let i = 0; i < 4; i++)
      await fresh.post('/api/login', { email: host.email, password: 'wrong-password' });
    const locked = await fresh.post('/api/login', { email: host.email, password: host.password });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.message).toBe(unknown.json().error.message);
  });

  it('rotates the session token at login', async () => {
    const host = await activeHost(client, t.db);
    const first = client.cookies.get('konok_session');
    await client.post('/api/login', { email: host.email, password: host.password });
    const second = client.cookies.get('konok_session');
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const stale = new TestClient(t.app);
    stale.cookies.set('konok_session', first!);
    expect((await stale.get('/api/account')).statusCode).toBe(401);
    expect((await client.get('/api/account')).statusCode).toBe(200);
  });
});

describe('cabinet tab 1', () => {
  it('needs a session', async () => {
    expect((await new TestClient(t.app).get('/api/account')).statusCode).toBe(401);
  });

  it('changes the phone after a code sent to the new number', async () => {
    const host = await activeHost(client, t.db);
    const bad = await client.post('/api/account/phone', { phone: '996-100-000000' });
    expect(bad.statusCode).toBe(400);
    const request = await client.post('/api/account/phone', { phone: '996 555 987654' });
    expect(request.statusCode).toBe(200);
    const code = codeIn((await lastMessage(t.db, '996555987654', 'sms')).body);
    const wrong = await client.post('/api/account/phone/confirm', {
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect((await client.get('/api/account')).json().phone).toBe(
      host.phone.replace(/^(\d{3})(\d{3})/, '$1-$2-'),
    );
    const confirm = await client.post('/api/account/phone/confirm', { code });
    expect(confirm.statusCode).toBe(200);
    expect((await client.get('/api/account')).json().phone).toBe('996-555-987654');
    // The old number hears of the change.
    expect((await lastMessage(t.db, host.phone, 'sms')).body).toContain('996-555-987654');
  });

  it('changes the password with the current one and ends the other sessions', async () => {
    const host = await activeHost(client, t.db);
    const other = new TestClient(t.app);
    await other.post('/api/login', { email: host.email, password: host.password });
    expect((await other.get('/api/account')).statusCode).toBe(200);

    const wrongCurrent = await client.post('/api/account/password', {
      currentPassword: 'nope-nope',
      newPassword: 'a brand new passphrase',
      newPasswordRepeat: 'a brand new passphrase',
    });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().fields.currentPassword.message).toBe('The current password is wrong');

    const changed = await client.post('/api/account/password', {
      currentPassword: host.password,
      newPassword: 'a brand new passphrase',
      newPasswordRepeat: 'a brand new passphrase',
    });
    expect(changed.statusCode).toBe(200);
    expect((await client.get('/api/account')).statusCode).toBe(200);
    expect((await other.get('/api/account')).statusCode).toBe(401);
    expect(
      (
        await new TestClient(t.app).post('/api/login', {
          email: host.email,
          password: 'a brand new passphrase',
        })
      ).statusCode,
    ).toBe(200);
  });

  it('recovers the PIN after re-authentication, by e-mail and SMS', async () => {
    const host = await activeHost(client, t.db);
    expect((await client.post('/api/account/pin/recover', { currentPassword: 'wrong-one' })).statusCode).toBe(
      400,
    );
    const response = await client.post('/api/account/pin/recover', { currentPassword: host.password });
    expect(response.statusCode).toBe(200);
    const newPin = codeIn((await lastMessage(t.db, host.email)).body);
    expect(codeIn((await lastMessage(t.db, host.phone, 'sms')).body)).toBe(newPin);
    const id = (
      await t.db.selectFrom('hosts').select('id').where('email', '=', host.email).executeTakeFirstOrThrow()
    ).id;
    expect(await pinMatches(t.app.ctx, id, newPin)).toBe(true);
    if (newPin !== host.pin) expect(await pinMatches(t.app.ctx, id, host.pin)).toBe(false);
  });

  it('logs out', async () => {
    await activeHost(client, t.db);
    expect((await client.post('/api/logout')).statusCode).toBe(200);
    expect((await client.get('/api/account')).statusCode).toBe(401);
  });
});

describe('password recovery', () => {
  it('answers the same for unknown e-mails; the code is single-use and ends all sessions', async () => {
    const host = await activeHost(client, t.db);
    const anon = new TestClient(t.app);
    const unknown = await anon.post('/api/password-reset/request', { email: 'nobody@example.kg' });
    const known = await anon.post('/api/password-reset/request', { email: host.email });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const code = codeIn((await lastMessage(t.db, host.email)).body);

    const wrongUser = await anon.post('/api/password-reset', {
      email: 'nobody@example.kg',
      code,
      newPassword: 'reset passphrase one',
      newPasswordRepeat: 'reset passphrase one',
    });
    expect(wrongUser.statusCode).toBe(400);
    const reset = await anon.post('/api/password-reset', {
      email: host.email,
      code,
      newPassword: 'reset passphrase one',
      newPasswordRepeat: 'reset passphrase one',
    });
    expect(reset.statusCode).toBe(200);
    expect((await client.get('/api/account')).statusCode).toBe(401);
    const reuse = await anon.post('/api/password-reset', {
      email: host.email,
      code,
      newPassword: 'reset passphrase two',
      newPasswordRepeat: 'reset passphrase two',
    });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().fields.code.message).toBe('The code is wrong or has expired');
    expect(
      (await anon.post('/api/login', { email: host.email, password: 'reset passphrase one' })).statusCode,
    ).toBe(200);
  });
});

describe('password recovery tells nobody who has an account', () => {
  const resetWith = (email: string, newPassword: string) =>
    new TestClient(t.app).post('/api/password-reset', {
      email,
      code: '123456',
      newPassword,
      newPasswordRepeat: newPassword,
    });

  it('gives the same answer for a known and an unknown e-mail, whatever the password', async () => {
    const host = await activeHost(client, t.db);
    for (const password of ['password123', 'a long and unusual passphrase']) {
      const known = await resetWith(host.email, password);
      const unknown = await resetWith('nobody-here@example.kg', password);
      expect(known.statusCode).toBe(400);
      expect(known.body).toBe(unknown.body);
    }
  });

  it('does the same slow work for both: the password is hashed before the account is looked up', async () => {
    const host = await activeHost(client, t.db);
    const timed = async (email: string) => {
      const started = performance.now();
      await resetWith(email, 'a long and unusual passphrase');
      return performance.now() - started;
    };
    const cheap = async () => {
      const started = performance.now();
      await resetWith('nobody-here@example.kg', 'password123'); // refused before any hashing
      return performance.now() - started;
    };
    await timed(host.email); // warm up
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    const refused: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await timed(host.email));
      unknown.push(await timed('nobody-here@example.kg'));
      refused.push(await cheap());
    }
    // argon2id (~19 MiB, 2 passes) runs for both: both are in the slow class, far above a refusal.
    expect(median(unknown)).toBeGreaterThan(median(refused) * 3);
    expect(median(known)).toBeGreaterThan(median(refused) * 3);
    expect(median(unknown) / median(known)).toBeGreaterThan(0.5);
    expect(median(unknown) / median(known)).toBeLessThan(2);
  });
});

describe('attempt limits under parallel guessing', () => {
  it('counts every one of parallel wrong logins and locks the account', async () => {
    const host = await activeHost(client, t.db);
    await Promise.all(
      // Five at once: all read the account before any is counted, and the fifth failure locks it.
      Array.from({ length: 5 }, () =>
        new TestClient(t.app).post('/api/login', { email: host.email, password: 'wrong password guess' }),
      ),
    );
    const row = await t.db
      .selectFrom('hosts')
      .select(['failed_logins', 'locked_until'])
      .where('email', '=', host.email)
      .executeTakeFirstOrThrow();
    // With a read-then-write counter, parallel guesses overwrite each other and count as one or two.
    expect(row.failed_logins).toBe(5);
    expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now());
    const right = await new TestClient(t.app).post('/api/login', {
      email: host.email,
      password: host.password,
    });
    expect(right.statusCode).toBe(401);
  });

  it('the confirmation PIN: 5 wrong in a row start a cool-down that grows, per host, counted atomically', async () => {
    const host = await activeHost(client, t.db);
    const other = await activeHost(new TestClient(t.app), t.db);
    const idOf = async (email: string) =>
      (await t.db.selectFrom('hosts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const hostId = await idOf(host.email);
    const wrong = host.pin === '000000' ? '111111' : '000000';
    const attempt = (pin: string, id = hostId) =>
      confirmPin(t.app.ctx, id, pin).then(
        () => ({ status: 200, fields: {} as Record<string, string>, details: {} as Record<string, unknown> }),
        (error: AppError) => ({ status: error.status, fields: error.fields, details: error.details }),
      );

    const first = await attempt(wrong);
    expect(first).toMatchObject({
      status: 400,
      fields: { pin: 'errors.pin.wrong' },
      details: { attemptsLeft: 4 },
    });
    expect(await attempt(host.pin)).toMatchObject({ status: 200 }); // a right PIN resets the count
    // Seven guesses at once: each is counted before it is compared, the fifth in a row locks,
    // and the two after it are not compared at all.
    const parallel = await Promise.all(Array.from({ length: 7 }, () => attempt(wrong)));
    expect(parallel.filter((r) => r.status === 400)).toHaveLength(4);
    expect(parallel.filter((r) => r.status === 429)).toHaveLength(3);
    const row = await t.db
      .selectFrom('hosts')
      .select(['pin_failures', 'pin_locked_until'])
      .where('id', '=', hostId)
      .executeTakeFirstOrThrow();
    expect(row.pin_failures).toBe(5);
    // 5 failures: 2^(5-5) = 1 minute.
    const minutes = (row.pin_locked_until!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(0.9);
    expect(minutes).toBeLessThanOrEqual(1);

    // Locked: even the right PIN is refused, with the wait in seconds.
    const locked = await attempt(host.pin);
    expect(locked.status).toBe(429);
    expect(locked.details.seconds).toBeGreaterThan(50);
    // Another host is not affected.
    expect(await attempt(other.pin, await idOf(other.email))).toMatchObject({ status: 200 });

    // After the cool-down, one more wrong PIN locks again at once, for longer (2 minutes).
    await t.db
      .updateTable('hosts')
      .set({ pin_locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', hostId)
      .execute();
    expect(await attempt(wrong)).toMatchObject({ status: 429 });
    const again = await t.db
      .selectFrom('hosts')
      .select('pin_locked_until')
      .where('id', '=', hostId)
      .executeTakeFirstOrThrow();
    expect((again.pin_locked_until!.getTime() - Date.now()) / 60_000).toBeGreaterThan(1.9);
    await t.db.updateTable('hosts').set({ pin_locked_until: null }).where('id', '=', hostId).execute();
    expect(await attempt(host.pin)).toMatchObject({ status: 200 });
    const cleared = await t.db
      .selectFrom('hosts')
      .select('pin_failures')
      .where('id', '=', hostId)
      .executeTakeFirstOrThrow();
    expect(cleared.pin_failures).toBe(0);
  });
});

describe('public status check', () => {
  it('answers "not found" from the database, and finds a registration with the matching passport only', async () => {
    const anon = new TestClient(t.app);
    const none = await anon.post('/api/public/status', { number: '2026000001', passportNumber: 'N1234567' });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toBe('No registration with this number and passport number was found.');
    const invalid = await anon.post('/api/public/status', { number: '', passportNumber: 'N 12' });
    expect(invalid.statusCode).toBe(400);
    expect(Object.keys(invalid.json().fields).sort()).toEqual(['number', 'passportNumber']);

    await activeHost(client, t.db);
    const hostId = (
      await t.db.selectFrom('hosts').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
    ).id;
    await t.db
      .insertInto('registrations')
      .values({
        host_id: hostId,
        application_number: '2026000001',
        registration_number: '59930207077349',
        passport_number_hash: keyedHash(t.app.ctx.secrets.fieldHashKey, 'N1234567'),
        status: 'approved',
        valid_from: '2026-11-01',
        valid_until: '2026-12-01',
      })
      .execute();
    const found = await anon.post('/api/public/status', {
      number: '59930207077349',
      passportNumber: 'n1234567',
    });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({
      applicationNumber: '2026000001',
      status: 'approved',
      validUntil: '2026-12-01',
    });
    expect(
      (await anon.post('/api/public/status', { number: '2026000001', passportNumber: 'N7654321' }))
        .statusCode,
    ).toBe(404);
  });
});
