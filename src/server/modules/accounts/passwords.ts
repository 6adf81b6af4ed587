import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const ARGON2 = {
  algorithm: 2 /* Algorithm.Argon2id: a const enum, not importable under isolatedModules */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const hashPassword = (password: string) => hash(password, ARGON2);
export const verifyPassword = (passwordHash: string, password: string) =>
  verify(passwordHash, password).catch(() => false);

/** Spent on unknown logins too, so response time does not tell whether an account exists. */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('konok-dummy-password');
  await verifyPassword(await dummyHash, password);
}

const common = new Set<string>((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/** NIST 800-63B: reject passwords known from breaches and common lists, and ones built from the login. */
export function isWeakPassword(password: string, email?: string): boolean {
  const lower = password.toLowerCase();
  if (common.has(lower)) return true;
  if (/^(.)\1+$/.test(password)) return true;
  const local = email?.split('@')[0]?.toLowerCase();
  return !!local && local.length >= 3 && lower.includes(local);
}
