import { z } from 'zod';
import type { CountryProfile } from '../profiles/profile.js';
import {
  checkPassportDates,
  countryCode,
  daysBetween,
  email,
  isoDate,
  latinName,
  passportNumber,
  sex,
  todayIso,
  yearsBetween,
} from './fields.js';

// Tab 3 «Регистрация иностранного гражданина»: the foreigner's data as the guide lists it.
// Every message is an i18n key; all fields are checked at once (zod reports every issue).

const latinOrEmpty = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ').toUpperCase() : v === null ? '' : v),
  z
    .string()
    .max(60, 'errors.name.tooLong')
    .regex(/^([A-Z][A-Z' -]*)?$/, 'errors.name.latin'),
);

/** Any country's mobile number, in international form: 8 to 15 digits (E.164) after separators go. */
export const internationalPhone = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/[\s\-().+]/g, '') : v),
  z
    .string({ error: 'errors.registration.phone.required' })
    .min(1, 'errors.registration.phone.required')
    .regex(/^[1-9]\d{7,14}$/, 'errors.registration.phone.format'),
);

const optionalEmail = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  email.optional(),
);

/** The registration form, checked alike in the browser and on the server («Проверка данных»). */
export const registrationSchema = (profile: CountryProfile, today = todayIso()) => {
  const rules = profile.registration;
  return z
    .object({
      propertyId: z.coerce
        .number({ error: 'errors.registration.property.required' })
        .int('errors.registration.property.required')
        .positive('errors.registration.property.required'),
      surname: latinName('errors.registration.surname.required'),
      givenNames: latinName('errors.registration.givenNames.required'),
      /** Kept empty for a passport in Latin letters (the guide: «графа отчество не заполняется»). */
      patronymic: latinOrEmpty.optional(),
      birthDate: isoDate('errors.registration.birthDate.required')
        .refine((v) => v <= today, 'errors.birthDate.future')
        .refine((v) => v >= '1900-01-01', 'errors.date.invalid'),
      sex,
      passportType: z.enum(rules.passportTypes as [string, ...string[]], {
        error: 'errors.passportType.required',
      }),
      passportCountry: countryCode,
      passportNumber,
      passportIssueDate: isoDate('errors.passportIssueDate.required').refine(
        (v) => v <= today,
        'errors.passportIssueDate.future',
      ),
      passportExpiryDate: isoDate('errors.passportExpiryDate.required').refine(
        (v) => v >= today,
        'errors.passportExpiryDate.expired',
      ),
      entryDate: isoDate('errors.registration.entryDate.required').refine(
        (v) => v <= today,
        'errors.registration.entryDate.future',
      ),
      phone: internationalPhone,
      email: optionalEmail,
      periodFrom: isoDate('errors.registration.periodFrom.required'),
      periodTo: isoDate('errors.registration.periodTo.required'),
      purpose: z.enum(rules.purposes as [string, ...string[]], {
        error: 'errors.registration.purpose.required',
      }),
      /** A foreigner under the profile's adult age stays with a parent or guardian. */
      withGuardian: z.boolean().optional(),
      /** The passport page and the live photo, uploaded as the host went (POST /api/registrations/documents). */
      passportDocumentId: z.coerce
        .number({ error: 'errors.registration.passportFile.required' })
        .int('errors.registration.passportFile.required')
        .positive('errors.registration.passportFile.required')
        .max(Number.MAX_SAFE_INTEGER, 'errors.registration.passportFile.required'),
      photoDocumentId: z.coerce
        .number({ error: 'errors.registration.photo.required' })
        .int('errors.registration.photo.required')
        .positive('errors.registration.photo.required')
        .max(Number.MAX_SAFE_INTEGER, 'errors.registration.photo.required'),
      /** Fields filled from the passport's MRZ, and those the host then typed over (kept for the operator). */
      mrzFields: z.array(z.string().max(40)).max(20).optional(),
      mrzChangedFields: z.array(z.string().max(40)).max(20).optional(),
    })
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      checkPassportDates(v, ctx);
      if (v.entryDate && v.birthDate && v.entryDate < v.birthDate)
        issue('entryDate', 'errors.registration.entryDate.beforeBirth');
      if (v.entryDate && v.periodFrom && v.entryDate > v.periodFrom)
        issue('entryDate', 'errors.registration.entryDate.afterPeriodStart');
      if (v.periodFrom && v.periodTo) {
        if (v.periodTo < v.periodFrom) issue('periodTo', 'errors.registration.periodTo.beforeFrom');
        else if (daysBetween(v.periodFrom, v.periodTo) + 1 > rules.maxPeriodDays)
          issue('periodTo', 'errors.registration.periodTo.tooLong');
        if (v.periodTo < today) issue('periodTo', 'errors.registration.periodTo.past');
        // The passport must stay valid through the whole stay registered.
        if (v.passportExpiryDate && v.passportExpiryDate < v.periodTo)
          issue('passportExpiryDate', 'errors.registration.passportExpiryDate.beforePeriodEnd');
      }
      const minorOn = v.periodFrom && v.periodFrom >= (v.birthDate ?? '') ? v.periodFrom : today;
      if (v.birthDate && yearsBetween(v.birthDate, minorOn) < rules.adultAge && v.withGuardian !== true)
        issue('withGuardian', 'errors.registration.withGuardian.required');
    });
};

export type RegistrationInput = z.input<ReturnType<typeof registrationSchema>>;
export type Registration = z.output<ReturnType<typeof registrationSchema>>;

/** What a document uploaded for a registration is: the foreigner's passport page or live photo. */
export const REGISTRATION_DOCUMENT_KINDS = {
  passport: 'registration_passport',
  photo: 'registration_photo',
} as const;

/** Tab 4 «Архив регистрации»: search, filters, sort and page, all on the server. */
export const ARCHIVE_SORTS = ['created', 'applicationNumber', 'surname', 'periodFrom'] as const;
export const archiveQuerySchema = z.object({
  query: z.string().trim().max(60, 'errors.archive.query').optional(),
  status: z.string().max(30, 'errors.archive.status').optional(),
  propertyId: z.coerce
    .number({ error: 'errors.archive.property' })
    .int('errors.archive.property')
    .positive('errors.archive.property')
    .max(Number.MAX_SAFE_INTEGER, 'errors.archive.property')
    .optional(),
  staffId: z.coerce
    .number({ error: 'errors.archive.staff' })
    .int('errors.archive.staff')
    .positive('errors.archive.staff')
    .max(Number.MAX_SAFE_INTEGER, 'errors.archive.staff')
    .optional(),
  sort: z.enum(ARCHIVE_SORTS, { error: 'errors.archive.sort' }).default('created'),
  order: z.enum(['asc', 'desc'], { error: 'errors.archive.sort' }).default('desc'),
  page: z.coerce
    .number({ error: 'errors.archive.page' })
    .int('errors.archive.page')
    .min(1, 'errors.archive.page')
    .max(100_000, 'errors.archive.page')
    .default(1),
  pageSize: z.coerce
    .number({ error: 'errors.archive.page' })
    .int('errors.archive.page')
    .min(1, 'errors.archive.page')
    .max(100, 'errors.archive.page')
    .default(20),
});
export type ArchiveQuery = z.output<typeof archiveQuerySchema>;
