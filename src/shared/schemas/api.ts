import { z } from 'zod';

// The hotels' API (/api/v1): what its bodies and answers look like. A registration's answers are
// checked by the very schema the form uses (registrationSchema, built from the profile's form);
// these describe them for the OpenAPI and for clients.

export const MAX_BATCH_ROWS = 1000;
/** A batch's CSV file, or its JSON body: a thousand guests take well under this. */
export const MAX_BATCH_BYTES = 2 * 1024 * 1024;
/** A passport page or photo as base64: the upload limit (5 MB) and a third for the encoding. */
export const MAX_DOCUMENT_JSON_BYTES = 7 * 1024 * 1024;

export const externalReference = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z
    .string({ error: 'errors.api.externalReference.invalid' })
    .min(1, 'errors.api.externalReference.invalid')
    .max(64, 'errors.api.externalReference.invalid')
    .regex(/^[\w./:#-]+$/, 'errors.api.externalReference.invalid'),
);

const date = z.string().describe('YYYY-MM-DD');

/**
 * One guest, as the form's answers: the core fields below and those the deployment's form adds
 * (see GET /api/v1/form). The passport page and photo are ids from POST /api/v1/documents.
 */
export const apiGuestDoc = z
  .object({
    externalReference: z.string().max(64).optional().describe('Your own reference, unique per entity'),
    propertyId: z.number().int().describe('One of the entity’s places (GET /api/v1/places)'),
    surname: z.string(),
    givenNames: z.string(),
    patronymic: z.string().optional(),
    birthDate: date,
    sex: z.enum(['M', 'F']),
    passportType: z.string(),
    passportCountry: z.string().describe('ISO 3166-1 alpha-3'),
    passportNumber: z.string(),
    passportIssueDate: date,
    passportExpiryDate: date,
    entryDate: date,
    phone: z.string(),
    email: z.string().optional(),
    periodFrom: date,
    periodTo: date,
    purpose: z.string(),
    passportDocumentId: z.number().int(),
    photoDocumentId: z.number().int(),
  })
  .catchall(z.unknown())
  .meta({
    example: {
      externalReference: 'BOOKING-2026-0042',
      propertyId: 7,
      surname: 'MULLER',
      givenNames: 'ANNA',
      birthDate: '1990-05-17',
      sex: 'F',
      passportType: 'passport',
      passportCountry: 'DEU',
      passportNumber: 'C01X00T47',
      passportIssueDate: '2020-02-01',
      passportExpiryDate: '2031-02-01',
      entryDate: '2026-12-02',
      phone: '+49 151 23456789',
      email: 'anna@example.de',
      periodFrom: '2026-12-03',
      periodTo: '2026-12-20',
      purpose: 'tourism',
      passportDocumentId: 101,
      photoDocumentId: 102,
    },
  });

export const apiDocumentSchema = z.object({
  kind: z.enum(['passport', 'photo'], { error: 'errors.api.documentKind' }),
  contentBase64: z
    .string({ error: 'errors.file.required' })
    .min(1, 'errors.file.required')
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'errors.api.base64'),
});

export const apiDocumentResponse = z.object({ id: z.number() });

export const apiRegistrationView = z.object({
  applicationNumber: z.string(),
  externalReference: z.string().nullable(),
  status: z.string(),
  registrationNumber: z.string().nullable(),
  propertyId: z.number().nullable(),
  surname: z.string().nullable(),
  givenNames: z.string().nullable(),
  passportCountry: z.string().nullable(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  fee: z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable(),
  createdAt: z.string(),
});
export type ApiRegistrationView = z.infer<typeof apiRegistrationView>;

export const apiRegistrationListQuery = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date.invalid'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date.invalid'),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'errors.api.cursor')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const apiRegistrationList = z.object({
  items: z.array(apiRegistrationView),
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});

export const apiPlaces = z.object({
  items: z.array(z.object({ id: z.number(), code: z.string().nullable(), address: z.string() })),
});

/** Every error: a code for programs, a message in Accept-Language, and each field's own. */
export const apiErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string() }).catchall(z.unknown()),
  fields: z.record(z.string(), z.object({ key: z.string(), message: z.string() })),
});

export const apiBatchAccepted = z.object({
  id: z.string(),
  total: z.number(),
  status: z.literal('processing'),
});

export const apiBatchView = z.object({
  id: z.string(),
  status: z.enum(['processing', 'done']),
  total: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  pending: z.number(),
  rows: z.array(
    z.object({
      row: z.number(),
      status: z.enum(['pending', 'accepted', 'rejected']),
      applicationNumber: z.string().nullable(),
      errors: z
        .array(
          z.object({
            field: z.string(),
            column: z.number().nullable(),
            code: z.string(),
            message: z.string(),
          }),
        )
        .nullable(),
    }),
  ),
});
