import { z } from 'zod';
import type { CountryProfile } from '../profiles/profile.js';
import { CHECKS } from './checks.js';
import { attachmentsSchema, isProvided, requiredDocuments } from './documents.js';
import { type Answers, type FormDeclaration, isRequired, isShown } from './form.js';
import { fieldSchema, type FormContext } from './kinds.js';

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/**
 * The answers without those of fields that do not apply (a visa's number once the host chose a
 * migration card): never checked, never kept.
 */
export function applicableAnswers(form: FormDeclaration, input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const answers = input as Answers;
  const hidden = form.fields.filter((field) => !isShown(field, answers)).map((field) => field.name);
  if (hidden.length === 0) return input;
  return Object.fromEntries(Object.entries(answers).filter(([name]) => !hidden.includes(name)));
}

/**
 * The schema of a declared form: each field by its kind, then the fields required only in some
 * cases, then the form's named checks. Every problem is reported at once, each on its field, as an
 * i18n key; `extra` adds answers every form carries (which fields were read from the document).
 */
export function formSchema(
  form: FormDeclaration,
  context: FormContext & { profile: CountryProfile },
  extra: z.ZodRawShape = {},
) {
  const unknown = form.checks.filter((name) => !CHECKS[name]);
  if (unknown.length) throw new Error(`The form names checks that do not exist: ${unknown.join(', ')}`);
  const shape: Record<string, z.ZodType> = Object.fromEntries(
    form.fields.map((field) => [field.name, fieldSchema(field, context)]),
  );
  if (form.documents?.length) shape.attachments = attachmentsSchema(form.documents);
  const flagOn = (ctx: z.RefinementCtx) => (field: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [field], message });
  return z.preprocess(
    (input) => applicableAnswers(form, input),
    z
      .object({ ...shape, ...extra })
      // A field required in this case is asked for at once, whatever else is wrong.
      .superRefine(
        (answers: Answers, ctx) => {
          for (const field of form.fields)
            if (field.required !== true && isBlank(answers[field.name]) && isRequired(field, answers))
              flagOn(ctx)(field.name, field.requiredMessage ?? 'errors.field.invalid');
        },
        { when: () => true },
      )
      // Each document these answers call for and none is attached to: one problem per item, named.
      .superRefine(
        (answers: Answers, ctx) => {
          for (const item of requiredDocuments(form, answers))
            if (!isProvided(item, answers))
              ctx.addIssue({
                code: 'custom',
                path: ['attachments', item.type],
                message: 'errors.attachment.missing',
                params: { document: { t: item.label } },
              });
        },
        { when: () => true },
      )
      // Rules between answers read the answers as checked, so they wait until each one is.
      .superRefine((answers: Answers, ctx) => {
        for (const name of form.checks) CHECKS[name]!(answers, context, flagOn(ctx));
      }),
  );
}
