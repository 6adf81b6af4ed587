import { z } from 'zod';
import type { CountryProfile } from '../profiles/profile.js';

export { addDays, daysBetween, todayIso, yearsBetween } from '../dates.js';

// Every message is an i18n key (src/shared/i18n): the server and the browser
// both translate it into the user's language.

const stripSeparators = (value: unknown) =>
  typeof value === 'string' ? value.replace(/[\s\-()+]/g, '') : value;
const trim = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

export const email = z.preprocess(
  trim,
  z
    .string({ error: 'errors.email.required' })
    .min(1, 'errors.email.required')
    .max(254, 'errors.email.invalid')
    .email('errors.email.invalid'),
);

/** NIST 800-63B: length only; the breached/common list is checked on the server. */
export const newPassword = z
  .string({ error: 'errors.password.required' })
  .min(1, 'errors.password.required')
  .min(8, 'errors.password.tooShort')
  .max(128, 'errors.password.tooLong');

export const currentPassword = z
  .string({ error: 'errors.password.required' })
  .min(1, 'errors.password.required');

/** Latin letters as printed in the passport's machine-readable zone. */
export const latinName = (requiredKey: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ').toUpperCase() : v),
    z
      .string({ error: requiredKey })
      .min(1, requiredKey)
      .max(60, 'errors.name.tooLong')
      .regex(/^[A-Z][A-Z' -]*$/, 'errors.name.latin'),
  );

export const passportNumber = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
  z
    .string({ error: 'errors.passportNumber.required' })
    .min(1, 'errors.passportNumber.required')
    .regex(/^\S*$/, 'errors.passportNumber.noSpaces')
    .regex(/^[A-Z0-9]+$/, 'errors.passportNumber.format')
    .min(5, 'errors.passportNumber.format')
    .max(20, 'errors.passportNumber.format'),
);

export const isoDate = (requiredKey: string) =>
  z
    .string({ error: requiredKey })
    .min(1, requiredKey)
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date.invalid')
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    }, 'errors.date.invalid');

export const sex = z.enum(['M', 'F'], { error: 'errors.sex.required' });

export const countryCode = z
  .string({ error: 'errors.passportCountry.required' })
  .regex(/^[A-Z]{3}$/, 'errors.passportCountry.required');

export const phone = (profile: CountryProfile) =>
  z.preprocess(
    stripSeparators,
    z
      .string({ error: 'errors.phone.required' })
      .min(1, 'errors.phone.required')
      .regex(profile.phone.regex, 'errors.phone.format'),
  );

export const personalNumber = (profile: CountryProfile) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.replace(/\s/g, '')) : v),
    z.string().regex(profile.personalNumber.regex, 'errors.personalNumber.format').optional(),
  );

export const code6 = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/\s/g, '') : v),
  z
    .string({ error: 'errors.code.required' })
    .min(1, 'errors.code.required')
    .regex(/^\d{6}$/, 'errors.code.format'),
);

/** A passport's dates in order, for any form that holds them: born < issued < expires. */
export function checkPassportDates(
  v: { birthDate?: string; passportIssueDate?: string; passportExpiryDate?: string },
  ctx: z.RefinementCtx,
): void {
  if (v.passportIssueDate && v.birthDate && v.passportIssueDate <= v.birthDate)
    ctx.addIssue({
      code: 'custom',
      path: ['passportIssueDate'],
      message: 'errors.passportIssueDate.beforeBirth',
    });
  if (v.passportExpiryDate && v.passportIssueDate && v.passportExpiryDate <= v.passportIssueDate)
    ctx.addIssue({
      code: 'custom',
      path: ['passportExpiryDate'],
      message: 'errors.passportExpiryDate.beforeIssue',
    });
}

/**
 * Characters no text a person types contains: the C0 controls and DEL, except tab, line feed and
 * carriage return (multi-line answers keep those). PostgreSQL refuses NUL in text outright, and the
 * rest would only reach a card, a PDF or an operator's screen as garbage, so every text that enters
 * Konok — body, query, path, form field, at any depth, keys too — is held to this one rule.
 */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** `text` with each control character replaced by U+FFFD: for keeping what a stranger claimed, as evidence. */
export const replaceControlCharacters = (text: string): string =>
  text.replace(new RegExp(CONTROL_CHARACTER.source, 'g'), '\uFFFD');

/** The field paths (`a.b.0`) of every text in `value` with a control character; `_` for a bad key. */
export function controlCharacterPaths(value: unknown, path = '', depth = 0): string[] {
  if (typeof value === 'string') return CONTROL_CHARACTER.test(value) ? [path || '_'] : [];
  // JSON bodies are at most a few levels deep; a deeper one is not walked further.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || depth > 32) return [];
  const found: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (CONTROL_CHARACTER.test(key)) found.push(path || '_');
    else found.push(...controlCharacterPaths(item, path ? `${path}.${key}` : key, depth + 1));
  }
  return found;
}

/** The message for each text holding a control character, keyed by its field path. */
export const controlCharacterErrors = (...values: unknown[]): Record<string, string> =>
  Object.fromEntries(
    values.flatMap((value) => controlCharacterPaths(value)).map((path) => [path, 'errors.text.control']),
  );

/** A record's number in an address (/api/…/:id): a whole number, or it names nothing we keep. */
export const recordId = z.coerce
  .number({ error: 'errors.recordId' })
  .int('errors.recordId')
  .positive('errors.recordId')
  .max(Number.MAX_SAFE_INTEGER, 'errors.recordId');
