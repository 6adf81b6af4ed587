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
