import { z } from 'zod';
import { countryCode, email, isoDate, latinName, passportNumber } from '../schemas/fields.js';
import type { FieldDeclaration } from './form.js';

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
      return optional(passportNumber);
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
