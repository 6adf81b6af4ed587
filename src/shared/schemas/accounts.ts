import { z } from 'zod';
import type { CountryProfile } from '../profiles/profile.js';
import {
  checkPassportDates,
  code6,
  countryCode,
  currentPassword,
  email,
  isoDate,
  latinName,
  newPassword,
  passportNumber,
  personalNumber,
  phone,
  sex,
  todayIso,
  yearsBetween,
} from './fields.js';

export { MAX_IMAGE_PIXELS, MAX_UPLOAD_BYTES, PHOTO_MEDIA_TYPES, UPLOAD_MEDIA_TYPES } from './uploads.js';

/** Step 1 of opening a cabinet: who you are, consent, security check. */
export const signupStartSchema = (profile: CountryProfile) =>
  z.object({
    subjectType: z.enum(profile.subjectTypes as [string, ...string[]], {
      error: 'errors.subjectType.required',
    }),
    acceptTerms: z.literal(true, { error: 'errors.acceptTerms.required' }),
    captcha: z.string({ error: 'errors.captcha.required' }).min(1, 'errors.captcha.required'),
  });
export type SignupStart = z.infer<ReturnType<typeof signupStartSchema>>;

const passwordPair = <T extends z.ZodRawShape>(shape: T, passwordKey: string, repeatKey: string) =>
  z.object(shape).superRefine((value, ctx) => {
    const v = value as Record<string, unknown>;
    if (typeof v[passwordKey] === 'string' && v[passwordKey] !== v[repeatKey]) {
      ctx.addIssue({ code: 'custom', path: [repeatKey], message: 'errors.password.mismatch' });
    }
  });

/** The host's data typed on the signup form (files travel beside it). */
export const signupDetailsSchema = (profile: CountryProfile, today = todayIso(new Date(), profile.clock)) =>
  passwordPair(
    {
      surname: latinName('errors.surname.required'),
      givenNames: latinName('errors.givenNames.required'),
      birthDate: isoDate('errors.birthDate.required')
        .refine((v) => v <= today, 'errors.birthDate.future')
        .refine((v) => yearsBetween(v, today) >= 18, 'errors.birthDate.underage')
        .refine((v) => v >= '1900-01-01', 'errors.date.invalid'),
      sex,
      passportType: z.enum(profile.hostPassportTypes as [string, ...string[]], {
        error: 'errors.passportType.required',
      }),
      passportCountry: countryCode,
      passportNumber,
      passportIssueDate: isoDate('errors.passportIssueDate.required').refine(
        (v) => v <= today,
        'errors.passportIssueDate.future',
      ),
      passportExpiryDate: isoDate('errors.passportExpiryDate.required').refine(
        (v) => v > today,
        'errors.passportExpiryDate.expired',
      ),
      personalNumber: personalNumber(profile),
      phone: phone(profile),
      email,
      password: newPassword,
      passwordRepeat: z
        .string({ error: 'errors.password.repeatRequired' })
        .min(1, 'errors.password.repeatRequired'),
      /** Fields filled from the passport's MRZ, and those the user then changed (flagged for the operator). */
      mrzFields: z.array(z.string()).max(20).optional(),
      mrzChangedFields: z.array(z.string()).max(20).optional(),
    },
    'password',
    'passwordRepeat',
  ).superRefine((v, ctx) => {
    checkPassportDates(v, ctx);
    const encoded = v.personalNumber && profile.personalNumber.birthDate?.(v.personalNumber);
    if (v.personalNumber && profile.personalNumber.birthDate && encoded !== v.birthDate) {
      ctx.addIssue({ code: 'custom', path: ['personalNumber'], message: 'errors.personalNumber.birthDate' });
    }
  });
export type SignupDetails = z.infer<ReturnType<typeof signupDetailsSchema>>;

export const activationSchema = z.object({ code: code6 });
/** An operator's second factor: the authenticator app's 6 digits, or one of the recovery codes. */
const oneTimeCode = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/\s/g, '') : v),
  z
    .string({ error: 'errors.oneTimeCode.format' })
    .regex(/^(\d{6}|[a-z0-9]{5}-?[a-z0-9]{5})$/i, 'errors.oneTimeCode.format')
    .optional(),
);
export const loginSchema = z.object({ email, password: currentPassword, oneTimeCode });

export const changePasswordSchema = passwordPair(
  { currentPassword, newPassword, newPasswordRepeat: z.string().min(1, 'errors.password.repeatRequired') },
  'newPassword',
  'newPasswordRepeat',
);

export const changePhoneSchema = (profile: CountryProfile) => z.object({ phone: phone(profile) });
export const confirmPhoneSchema = z.object({ code: code6 });
export const recoverPinSchema = z.object({ currentPassword });

/** A legal entity's staff member sets the first password from the e-mailed single-use link. */
export const staffPasswordSchema = passwordPair(
  {
    token: z
      .string({ error: 'errors.entity.setPasswordLink' })
      .regex(/^[A-Za-z0-9_-]{20,100}$/, 'errors.entity.setPasswordLink'),
    newPassword,
    newPasswordRepeat: z.string().min(1, 'errors.password.repeatRequired'),
  },
  'newPassword',
  'newPasswordRepeat',
);

export const passwordResetRequestSchema = z.object({ email });
export const passwordResetSchema = passwordPair(
  { email, code: code6, newPassword, newPasswordRepeat: z.string().min(1, 'errors.password.repeatRequired') },
  'newPassword',
  'newPasswordRepeat',
);

export const statusCheckSchema = z.object({
  number: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s/g, '') : v),
    z
      .string({ error: 'errors.statusNumber.required' })
      .min(1, 'errors.statusNumber.required')
      .regex(/^[0-9A-Z-]{4,20}$/i, 'errors.statusNumber.format'),
  ),
  passportNumber,
});
