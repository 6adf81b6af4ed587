import zlib from 'node:zlib';
import type { AppContext } from '../context.js';
import { encryptField, keyedHash } from '../security/crypto.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import {
  deleteHostSessions,
  deleteOperatorSessions,
  disableAccount,
  findHostByEmail,
  findOperatorByEmail,
  insertHost,
  insertOperator,
  resetOperatorPassword,
  updateHost,
} from '../modules/accounts/accounts.repo.js';
import { pinHash } from '../modules/accounts/codes.js';
import { setDocumentOwner, withStoredFiles } from '../modules/documents/documents.service.js';
import { appendAudit } from './audit.js';

// Invented people: no real person's data is in the demo.
export const DEMO = {
  host: { email: 'host@konok.example', password: 'Konok-demo-2026', pin: '246810' },
  operator: { email: 'operator@konok.example', password: 'Konok-operator-2026' },
};

/** One PNG chunk: length, type, data and its CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A plain RGB PNG of one colour, so the demo host has a passport scan and a photo on file. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).fill(Buffer.from(rgb))]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Adds the demo host and operator once; running it again changes nothing. */
export async function seedDemoData(ctx: AppContext): Promise<void> {
  const { secrets } = ctx;
  const [hostHash, operatorHash] = await Promise.all([
    hashPassword(DEMO.host.password),
    hashPassword(DEMO.operator.password),
  ]);
  await withStoredFiles(ctx, async (tx, store) => {
    // Demo accounts disabled by a start outside demo mode work again in demo mode.
    const operator = await findOperatorByEmail(tx, DEMO.operator.email);
    if (operator) await resetOperatorPassword(tx, operator.id, operatorHash);
    else {
      await insertOperator(tx, {
        email: DEMO.operator.email,
        passwordHash: operatorHash,
        fullName: 'Aida Demo-Operator',
        role: 'operator',
      });
    }
    const existingHost = await findHostByEmail(tx, DEMO.host.email);
    if (existingHost) {
      await updateHost(tx, existingHost.id, {
        password_hash: hostHash,
        failed_logins: 0,
        locked_until: null,
        pin_hash: pinHash(secrets.codeKey, existingHost.id, DEMO.host.pin),
      });
      return;
    }
    const passportNumber = 'AC1234590';
    const passport = await store({
      body: solidPng(600, 400, [236, 240, 245]),
      mediaType: 'image/png',
      kind: 'host-passport',
    });
    const photo = await store({
      body: solidPng(240, 320, [200, 210, 225]),
      mediaType: 'image/png',
      kind: 'host-photo',
    });
    const hostId = await insertHost(tx, {
      profile: ctx.profile.code,
      subject_type: 'citizen_owner',
      status: 'active',
      language: 'ru',
      email: DEMO.host.email,
      password_hash: hostHash,
      surname: 'DEMOEV',
      given_names: 'BAKYT',
      birth_date: '1985-03-14',
      sex: 'M',
      passport_type: 'id_card',
      passport_country: 'KGZ',
      passport_number_enc: encryptField(secrets.fieldEncryptionKey, passportNumber),
      passport_number_hash: keyedHash(secrets.fieldHashKey, passportNumber),
      passport_issue_date: '2023-01-13',
      passport_expiry_date: '2033-01-13',
      personal_number_enc: null,
      personal_number_hash: null,
      phone: '996555123456',
      pin_hash: null,
      passport_document_id: passport,
      photo_document_id: photo,
      locked_until: null,
      activated_at: new Date(),
    });
    // The PIN hash includes the host id, known only now.
    await updateHost(tx, hostId, { pin_hash: pinHash(secrets.codeKey, hostId, DEMO.host.pin) });
    await setDocumentOwner(tx, [passport, photo], hostId);
    await appendAudit(tx, { actor: 'system', action: 'host.demo-seed', entity: 'host', entityId: hostId });
  });
}

/**
 * Outside demo mode the demo accounts must not work, even where an earlier start (when demo data
 * was the default) created them: their passwords are printed in the README. Returns how many
 * were disabled now.
 */
export async function disableDemoAccounts(ctx: AppContext): Promise<number> {
  const accounts = [
    {
      table: 'operators',
      entity: 'operator',
      email: DEMO.operator.email,
      endSessions: deleteOperatorSessions,
    },
    { table: 'hosts', entity: 'host', email: DEMO.host.email, endSessions: deleteHostSessions },
  ] as const;
  return ctx.db.transaction().execute(async (tx) => {
    let disabled = 0;
    for (const account of accounts) {
      const id = await disableAccount(tx, account.table, account.email);
      if (id === undefined) continue;
      await account.endSessions(tx, id);
      await appendAudit(tx, {
        actor: 'system',
        action: `${account.entity}.demo-disable`,
        entity: account.entity,
        entityId: id,
      });
      disabled++;
    }
    return disabled;
  });
}
