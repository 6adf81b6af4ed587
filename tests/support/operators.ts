import { Secret, TOTP } from 'otpauth';
import type { Db } from '../../src/server/db/database';
import { DEMO } from '../../src/server/demo/demo-logins';
import { insertOperator, setTotpSecret } from '../../src/server/modules/accounts/accounts.repo';
import { hashPassword } from '../../src/server/modules/accounts/passwords';
import { decryptField, encryptField } from '../../src/server/security/crypto';
import type { Secrets } from '../../src/server/security/secrets';

const PERIOD_MS = 30_000;

/**
 * What the operator's authenticator app shows. A code is good once, so when the current one was
 * used this takes the next step (accepted one step early) or waits for it, as a person would.
 */
export async function operatorCode(
  db: Db,
  secrets: Secrets,
  email: string = DEMO.operator.email,
): Promise<string> {
  const operator = await db
    .selectFrom('operators')
    .select(['totp_secret_enc', 'totp_pending_secret_enc', 'totp_last_step'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  const sealed = operator.totp_secret_enc ?? operator.totp_pending_secret_enc;
  if (!sealed) throw new Error(`${email} has no authenticator secret yet`);
  const totp = new TOTP({ secret: decryptField(secrets.fieldEncryptionKey, sealed) });
  const target = Math.max(Math.floor(Date.now() / PERIOD_MS), (operator.totp_last_step ?? -1) + 1);
  const wait = (target - 1) * PERIOD_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 200));
  return totp.generate({ timestamp: target * PERIOD_MS });
}

/** The login body of the demo operator, with a fresh code. */
export async function demoOperatorLogin(db: Db, secrets: Secrets) {
  return {
    email: DEMO.operator.email,
    password: DEMO.operator.password,
    oneTimeCode: await operatorCode(db, secrets),
  };
}

/** An operator who has set up the authenticator app already (a test's own, beside the demo one). */
export async function enrolledOperator(db: Db, secrets: Secrets, email: string) {
  const password = 'operator passphrase 2026';
  const id = await insertOperator(db, {
    email,
    passwordHash: await hashPassword(password),
    fullName: 'Test Operator',
    role: 'operator',
  });
  await setTotpSecret(db, id, encryptField(secrets.fieldEncryptionKey, new Secret({ size: 20 }).base32));
  return {
    id,
    email,
    password,
    login: async () => ({ email, password, oneTimeCode: await operatorCode(db, secrets, email) }),
  };
}
