import { z } from 'zod';
import type { CountryProfile } from '../profiles/profile.js';
import { formSchema } from '../forms/build.js';
import type { Attachment } from '../forms/documents.js';
import { todayIso } from './fields.js';

// Tab 3 «Регистрация иностранного гражданина»: the foreigner's data, as the profile's form declares it.
// Every message is an i18n key; all fields are checked at once (zod reports every issue).

/** The answers of a registration, once checked: what the core columns hold (forms/core.ts). */
export interface Registration {
  propertyId: number;
  surname: string;
  givenNames: string;
  patronymic?: string;
  birthDate: string;
  sex: 'M' | 'F';
  passportType: string;
  passportCountry: string;
  passportNumber: string;
  passportIssueDate: string;
  passportExpiryDate: string;
  entryDate: string;
  phone: string;
  email?: string;
  periodFrom: string;
  periodTo: string;
  purpose: string;
  /** A foreigner under the profile's adult age stays with a parent or guardian. */
  withGuardian?: boolean;
  /** The passport page and the live photo, uploaded as the host went (POST /api/registrations/documents). */
  passportDocumentId: number;
  photoDocumentId: number;
  /** The files of the profile's documents checklist, by item; several of one type are its parts. */
  attachments?: Attachment[];
  /** Fields filled from the passport's MRZ, and those the host then typed over (kept for the operator). */
  mrzFields?: string[];
  mrzChangedFields?: string[];
}

/** The answers as typed, before they are checked and normalised. */
export type RegistrationInput = { [K in keyof Registration]?: unknown };

/** Which answers were read from the passport's MRZ, and which of those the host then typed over. */
const readFromDocument = {
  mrzFields: z.array(z.string().max(40)).max(20).optional(),
  mrzChangedFields: z.array(z.string().max(40)).max(20).optional(),
};

/**
 * The registration form, checked alike in the browser and on the server («Проверка данных»): the
 * profile's declared form, which declares every core answer (a test holds each profile to it).
 */
export const registrationSchema = (profile: CountryProfile, today = todayIso(new Date(), profile.clock)) =>
  formSchema(profile.registrationForm, { profile, today }, readFromDocument) as unknown as z.ZodType<
    Registration,
    RegistrationInput
  >;

/** What a document uploaded for a registration is: the foreigner's passport page or live photo. */
export const REGISTRATION_DOCUMENT_KINDS = {
  passport: 'registration_passport',
  photo: 'registration_photo',
  /** A file of the profile's documents checklist (forms/documents.ts). */
  attachment: 'registration_attachment',
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
