import { z } from 'zod';
import {
  IDENTIFIERS,
  identifierIssue,
  identifierMessages,
  normaliseIdentifier,
  type IdentifierName,
} from '../forms/identifiers.js';
import type { CountryProfile } from '../profiles/index.js';
import type { EntityIdentifierField } from '../profiles/profile.js';
import { email, phone } from './fields.js';
import { addressPlaceSchema, type AddressPlace } from './properties.js';
import { decisionSchema } from './review.js';

/** A line of free text the letter must have: trimmed, required, bounded. */
const text = (requiredKey: string, max = 300) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : v),
    z.string({ error: requiredKey }).min(1, requiredKey).max(max, 'errors.text.tooLong'),
  );

export const MAX_ENTITY_PROPERTIES = 20;

/**
 * The properties where foreigners will stay, each with its documents: by registry code and
 * capacity, or, where places are addresses, the address in its parts (as in tab 2) and capacity.
 */
export const entityPropertySchema = (profile: CountryProfile) =>
  profile.placeOfStay.kind === 'address' ? addressPlaceSchema(profile) : registryPropertySchema(profile);

const registryPropertySchema = (profile: CountryProfile) =>
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

/** The tax number as the profile declares it: by an identifier rule, or by its own shape. */
const taxNumberSchema = (profile: CountryProfile) => {
  const rule = profile.entityApplication.identifiers?.organisation.taxNumber;
  if (rule)
    return z.preprocess(
      (v) => (typeof v === 'string' ? normaliseIdentifier(v) : v),
      z
        .string({ error: identifierMessages(rule).required })
        .min(1, identifierMessages(rule).required)
        .max(20, 'errors.text.tooLong'),
    );
  return z.preprocess(
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
  );
};

/** An identifier other than the tax number: its rule is checked by `entityIdentifierIssues`. */
const otherIdentifier = z.preprocess(
  (v) => (typeof v === 'string' ? normaliseIdentifier(v) || undefined : v),
  z.string({ error: 'errors.field.invalid' }).max(20, 'errors.text.tooLong').optional(),
);

/**
 * What the guide's letter to the department must say, as one form: the entity, its head, its
 * contacts (the e-mail becomes the login) and the trusted person who will work with the site. The
 * profile says which fields its country asks: a legal form, which identifiers, the head's
 * personal number.
 */
export const legalEntityApplicationSchema = (profile: CountryProfile) => {
  const rules = profile.entityApplication;
  const forms = rules.legalForms.map((f) => f.value);
  return z.object({
    ...(forms.length > 0
      ? { legalForm: z.enum(forms as [string, ...string[]], { error: 'errors.entity.legalForm.required' }) }
      : {}),
    name: text('errors.entity.name.required'),
    taxNumber: taxNumberSchema(profile),
    ...(rules.identifiers ? { registrationNumber: otherIdentifier, kpp: otherIdentifier } : {}),
    legalAddress: text('errors.entity.legalAddress.required'),
    actualAddress: text('errors.entity.actualAddress.required'),
    activity: text('errors.entity.activity.required'),
    headName: text('errors.entity.headName.required', 150),
    ...(rules.headPersonalNumber
      ? {
          headPersonalNumber: z.preprocess(
            (v) => (typeof v === 'string' ? v.replace(/\s/g, '') : v),
            z
              .string({ error: 'errors.entity.headPersonalNumber.required' })
              .min(1, 'errors.entity.headPersonalNumber.required')
              .regex(profile.personalNumber.regex, 'errors.personalNumber.format'),
          ),
        }
      : {}),
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
};

/** Whether the application's legal form is an individual entrepreneur's. */
export const isEntrepreneur = (profile: CountryProfile, legalForm: unknown) =>
  profile.entityApplication.legalForms.some((f) => f.value === legalForm && f.entrepreneur);

/**
 * Each identifier the profile asks of this legal form, checked by its rule («Некорректный ИНН»
 * when the check digits do not add up): every problem at once, by field. Alongside the schema,
 * because which rule applies depends on another answer (ИНН of 10 digits, or 12 for an ИП).
 */
export function entityIdentifierIssues(
  profile: CountryProfile,
  fields: Record<string, unknown>,
): Record<string, string> {
  const identifiers = profile.entityApplication.identifiers;
  if (!identifiers) return {};
  const kind = isEntrepreneur(profile, fields.legalForm) ? 'entrepreneur' : 'organisation';
  const issues: Record<string, string> = {};
  const asked = Object.entries(identifiers[kind]) as [EntityIdentifierField, IdentifierName][];
  for (const [field, rule] of asked) {
    const value = fields[field];
    const issue = identifierIssue(rule, typeof value === 'string' ? normaliseIdentifier(value) : '');
    if (issue) issues[field] = issue;
  }
  return issues;
}
/** A property of the application: by registry code, or by address where places are addresses. */
export type EntityProperty = { code: string; capacity: number } | AddressPlace;
/** The application as checked and kept: the fields its profile asks, the others absent. */
export interface LegalEntityApplication {
  legalForm?: string;
  name: string;
  taxNumber: string;
  registrationNumber?: string;
  kpp?: string;
  legalAddress: string;
  actualAddress: string;
  activity: string;
  headName: string;
  headPersonalNumber?: string;
  headAddress: string;
  phone: string;
  email: string;
  trustedPosition: string;
  trustedName: string;
  trustedAddress: string;
  properties: EntityProperty[];
  acceptTerms: true;
}

/** The uploads of the form, as the profile declares them: each its own field; per property, its own. */
export const entityDocumentFields = (profile: CountryProfile) => profile.entityApplication.documents;
export const entityPropertyDocumentFields = (profile: CountryProfile, index: number) =>
  profile.entityApplication.propertyDocuments.map((name) => `${name}.${index}`);

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
