import { z } from 'zod';

/** The operators' queue filters. */
export const reviewQueueQuerySchema = z.object({
  status: z.enum(['submitted', 'in_review'], { error: 'errors.archive.status' }).optional(),
  propertyId: z.coerce
    .number({ error: 'errors.archive.property' })
    .int('errors.archive.property')
    .positive('errors.archive.property')
    .max(Number.MAX_SAFE_INTEGER, 'errors.archive.property')
    .optional(),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/, 'errors.passportCountry.required')
    .optional(),
  flag: z
    .enum(['capacity', 'late', 'busyProperty', 'busyHost', 'passportExpiring', 'minor'], {
      error: 'errors.review.flag',
    })
    .optional(),
});

export const REJECTION_REASONS = [
  'document_invalid',
  'data_mismatch',
  'photo_unsuitable',
  'property_ineligible',
  'duplicate',
  'other',
] as const;

/**
 * An operator's decision: approve; reject with a reason from `reasons` and free text; or ask for
 * documents. A legal entity's application is judged by the fixed list above; a foreigner's
 * registration by its profile's (`profile.review.rejectionReasons`).
 */
export const decisionSchemaWith = (reasons: readonly [string, ...string[]]) =>
  z.discriminatedUnion(
    'decision',
    [
      z.object({ decision: z.literal('approve') }),
      z.object({
        decision: z.literal('reject'),
        reason: z.enum(reasons, { error: 'errors.review.reason' }),
        note: z.string().trim().max(1000, 'errors.review.noteTooLong').optional(),
      }),
      z.object({
        decision: z.literal('requestDocuments'),
        message: z
          .string({ error: 'errors.review.message' })
          .trim()
          .min(1, 'errors.review.message')
          .max(1000, 'errors.review.noteTooLong'),
      }),
    ],
    { error: 'errors.review.decision' },
  );

export const decisionSchema = decisionSchemaWith(REJECTION_REASONS);

/** A foreigner's registration is rejected for one of the reasons its profile declares. */
export const registrationDecisionSchema = (profile: { review: { rejectionReasons: readonly string[] } }) =>
  decisionSchemaWith(profile.review.rejectionReasons as [string, ...string[]]);

/** «Не принимать» a checklist file: the reason the host reads. */
export const attachmentRejectionSchema = z.object({
  reason: z
    .string({ error: 'errors.attachment.reason' })
    .trim()
    .min(1, 'errors.attachment.reason')
    .max(500, 'errors.attachment.reason'),
});
