import { z } from 'zod';
import {
  CONTROL_CHARACTER,
  countryCode,
  email,
  isoDate,
  latinName,
  passportNumber,
} from '../schemas/fields.js';
import type { FieldDeclaration } from './form.js';
import { identifierSchema } from './identifiers.js';

/** What a form is checked against besides its answers. */
export interface FormContext {
  /** 'YYYY-MM-DD' in the service's time zone. */
  today: string;
}

/** Kept empty for a passport in Latin letters (the guide: «графа отчество не заполняется»). */
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

const blankIsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The id of something the host owns or uploaded: a positive whole number the database can hold. */
const reference = (message: string) =>
  z.coerce.number({ error: message }).int(message).positive(message).max(Number.MAX_SAFE_INTEGER, message);

function dateSchema(field: FieldDeclaration, message: string, { today }: FormContext) {
  let schema = isoDate(message);
  if (field.notFuture) schema = schema.refine((v) => v <= today, field.notFuture);
  if (field.notPast) schema = schema.refine((v) => v >= today, field.notPast);
  if (field.earliest) {
    const earliest = field.earliest;
    schema = schema.refine((v) => v >= earliest, 'errors.date.invalid');
  }
  return schema;
}

/** Whole names as a document prints them, in the capitals the card is printed in. */
const NAME_SCRIPTS = [/^[A-Z][A-Z' -]*$/, /^[А-ЯЁ][А-ЯЁ' -]*$/];
const HAS_LATIN = /[A-Z]/;
const HAS_CYRILLIC = /[А-ЯЁ]/;

function documentName(message: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ').replace(/[’ʼ]/g, "'").toUpperCase() : v),
    z
      .string({ error: message })
      .min(1, message)
      .max(60, 'errors.name.tooLong')
      .superRefine((value, ctx) => {
        if (NAME_SCRIPTS.some((script) => script.test(value))) return;
        // Both alphabets at once is a typing slip (a Latin C for a Cyrillic С), said as such.
        const mixed = HAS_LATIN.test(value) && HAS_CYRILLIC.test(value);
        ctx.addIssue({
          code: 'custom',
          message: mixed ? 'errors.field.documentName.mixed' : 'errors.field.documentName.letters',
        });
      }),
  );
}

function digits(field: FieldDeclaration, message: string) {
  const format = field.formatMessage ?? 'errors.field.digits.length';
  let schema = z.string({ error: message }).min(1, message).regex(/^\d+$/, 'errors.field.digits.only');
  if (field.length !== undefined) schema = schema.length(field.length, format);
  if (field.minLength !== undefined) schema = schema.min(field.minLength, format);
  schema = schema.max(field.length ?? field.maxLength ?? 20, format);
  // Spaces a person types between groups of digits are not part of the number.
  return z.preprocess((v) => (typeof v === 'string' ? v.replace(/\s/g, '') : v), schema);
}

function text(field: FieldDeclaration, message: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : v),
    z
      .string({ error: message })
      .min(Math.max(1, field.minLength ?? 1), message)
      .max(field.maxLength ?? 200, field.formatMessage ?? 'errors.field.text.tooLong')
      .refine((value) => !CONTROL_CHARACTER.test(value), 'errors.text.control'),
  );
}

function documentNumber(field: FieldDeclaration, message: string) {
  if (!field.formatMessage) return passportNumber;
  const format = field.formatMessage;
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s/g, '').toUpperCase() : v),
    z
      .string({ error: message })
      .min(1, message)
      .regex(/^[A-Z0-9]{1,20}$/, format),
  );
}

/** The schema of one field on its own: its kind's shape and messages, required or not. */
export function fieldSchema(field: FieldDeclaration, context: FormContext): z.ZodType {
  const message = field.requiredMessage ?? 'errors.field.invalid';
  const always = field.required === true;
  const optional = (schema: z.ZodType) => (always ? schema : z.preprocess(blankIsAbsent, schema.optional()));
  switch (field.kind) {
    case 'latinName':
      return always ? latinName(message) : latinOrEmpty.optional();
    case 'date':
      return optional(dateSchema(field, message, context));
    case 'select':
      return optional(z.enum(field.options as [string, ...string[]], { error: message }));
    case 'country':
      return optional(countryCode);
    case 'documentNumber':
      return optional(documentNumber(field, message));
    case 'documentName':
      return optional(documentName(message));
    case 'digits':
      return optional(digits(field, message));
    case 'text':
      return optional(text(field, message));
    case 'identifier':
      if (!field.rule) throw new Error(`The identifier field ${field.name} names no rule`);
      return optional(identifierSchema(field.rule));
    case 'phone':
      return optional(internationalPhone);
    case 'email':
      return optional(email);
    case 'boolean':
      return z.boolean().optional();
    case 'property':
    case 'upload':
      return optional(reference(message));
  }
}
