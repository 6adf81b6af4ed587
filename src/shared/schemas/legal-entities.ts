import { z } from 'zod';
import { IDENTIFIERS } from '../forms/identifiers.js';
import type { CountryProfile } from '../profiles/index.js';
import { email, phone } from './fields.js';
import { decisionSchema } from './review.js';

/** A line of free text the letter must have: trimmed, required, bounded. */
const text = (requiredKey: string, max = 300) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : v),
    z.string({ error: requiredKey }).min(1, requiredKey).max(max, 'errors.text.tooLong'),
  );

export const MAX_ENTITY_PROPERTIES = 20;

/** The properties where foreigners will stay: code and capacity, each with its two documents. */
export const entityPropertySchema = (profile: CountryProfile) =>
  z.object({
    code: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v),
      z
        .string({ error: 'errors.propertyCode.required' })
        .min(1, 'errors.propertyCode.required')
        .regex(profile.propertyCode.regex, 'errors.propertyCode.format'),
    ),
    capacity: z.coerce
      .number({ error: 'errors.capacity.number' })
      .int('errors.capacity.number')
      .min(1, 'errors.capacity.range')
      .max(500, 'errors.capacity.range'),
  });

/**
 * What the guide's letter to the department must say, as one form: the entity, its head, its
 * contacts (the e-mail becomes the login) and the trusted person who will work with the site.
 */
export const legalEntityApplicationSchema = (profile: CountryProfile) =>
  z.object({
    name: text('errors.entity.name.required'),
    taxNumber: z.preprocess(
      (v) => (typeof v === 'string' ? v.replace(/\s/g, '') : v),
      z
        .string({ error: 'errors.entity.taxNumber.required' })
        .min(1, 'errors.entity.taxNumber.required')
        // A number of the wrong shape has no check digit worth a second message.
        .regex(profile.taxNumber.regex, { error: 'errors.entity.taxNumber.format', abort: true })
        .refine(
          (v) => !profile.taxNumber.rule || IDENTIFIERS[profile.taxNumber.rule](v),
          'errors.entity.taxNumber.check',
        ),
    ),
    legalAddress: text('errors.entity.legalAddress.required'),
    actualAddress: text('errors.entity.actualAddress.required'),
    activity: text('errors.entity.activity.required'),
    headName: text('errors.entity.headName.required', 150),
    headPersonalNumber: z.preprocess(
      (v) => (typeof v === 'string' ? v.replace(/\s/g, '') : v),
      z
        .string({ error: 'errors.entity.headPersonalNumber.required' })
        .min(1, 'errors.entity.headPersonalNumber.required')
        .regex(profile.personalNumber.regex, 'errors.personalNumber.format'),
    ),
    headAddress: text('errors.entity.headAddress.required'),
    phone: phone(profile),
    email,
    trustedPosition: text('errors.entity.trustedPosition.required', 150),
    trustedName: text('errors.entity.trustedName.required', 150),
    trustedAddress: text('errors.entity.trustedAddress.required'),
    properties: z
      .array(entityPropertySchema(profile), { error: 'errors.entity.properties.required' })
      .min(1, 'errors.entity.properties.required')
      .max(MAX_ENTITY_PROPERTIES, 'errors.entity.properties.tooMany'),
    acceptTerms: z.literal(true, { error: 'errors.acceptTerms.required' }),
  });
export type LegalEntityApplication = z.infer<ReturnType<typeof legalEntityApplicationSchema>>;

/** The uploads of the form: each its own field; per property, its documents and technical passport. */
export const ENTITY_DOCUMENT_FIELDS = ['certificate', 'powerOfAttorney', 'trustedPassport'] as const;
export const entityPropertyDocumentFields = (index: number) =>
  [`propertyDocument.${index}`, `technicalPassport.${index}`] as const;

/** The applicant's private link: the number and the token (kept in the URL's fragment, never sent in it). */
export const entityApplicationAccessSchema = z.object({
  number: z.string({ error: 'errors.entity.access' }).regex(/^LE-\d{4}-\d{6}$/, 'errors.entity.access'),
  token: z.string({ error: 'errors.entity.access' }).regex(/^[A-Za-z0-9_-]{20,100}$/, 'errors.entity.access'),
});

/** An operator's decision on an entity's application: the same choices as on a registration; approval opens its cabinet. */
export const entityDecisionSchema = decisionSchema;

/** The administrator invites a staff member (a receptionist) by e-mail. */
export const staffInviteSchema = z.object({
  email,
  fullName: text('errors.entity.staffName.required', 150),
});
