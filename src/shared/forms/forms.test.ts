import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import kgEn from '../i18n/profiles/kg/en.json';
import ruEn from '../i18n/profiles/ru/en.json';
import { mergeTexts, type Texts } from '../i18n/texts';
import { kg } from '../profiles/kg';
import { PROFILES } from '../profiles/index';
import { formSchema } from './build';
import { summaryRows } from './summary';
import { CORE_FIELDS } from './core';
import type { FormDeclaration } from './form';

const today = '2026-12-01';
const texts = { kg: mergeTexts(en, kgEn), ru: mergeTexts(en, ruEn) } as Record<string, Texts>;
const text = (tree: Texts, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Texts | undefined)?.[part], tree);

/** Field → first message key, as the form shows them. */
function problems(form: FormDeclaration, answers: Record<string, unknown>) {
  const result = formSchema(form, { profile: kg, today }).safeParse(answers);
  if (result.success) return {};
  const found: Record<string, string> = {};
  for (const issue of result.error.issues) found[String(issue.path[0])] ??= issue.message;
  return found;
}

describe("every profile's registration form", () => {
  for (const profile of Object.values(PROFILES))
    it(`${profile.code}: declares every core answer once, each required one with its message, every word translated`, () => {
      const form = profile.registrationForm;
      const names = form.fields.map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      expect(CORE_FIELDS.filter((name) => !names.includes(name))).toEqual([]);
      expect(form.fields.filter((f) => f.required && !f.requiredMessage).map((f) => f.name)).toEqual([]);
      // Every field stands on exactly one page, and pages name only declared fields.
      const placed = form.pages.flatMap((p) => p.fields);
      expect([...placed].sort()).toEqual([...names].sort());
      const keys = [
        ...form.fields.flatMap((f) => [f.label, f.requiredMessage, f.notFuture, f.notPast]),
        ...form.fields.flatMap((f) => (f.options ?? []).map((o) => `${f.optionLabels}${o}`)),
        ...form.pages.map((p) => p.title),
      ].filter((k): k is string => !!k);
      expect(keys.filter((k) => typeof text(texts[profile.code]!, k) !== 'string')).toEqual([]);
    });
});

describe('a declared form', () => {
  const form: FormDeclaration = {
    version: 1,
    fields: [
      {
        name: 'regime',
        kind: 'select',
        label: 'l',
        required: true,
        requiredMessage: 'regime.required',
        options: ['visa', 'free'],
      },
      {
        name: 'visaNumber',
        kind: 'documentNumber',
        label: 'l',
        required: { field: 'regime', is: 'visa' },
        requiredMessage: 'visa.required',
      },
      {
        name: 'visaUntil',
        kind: 'date',
        label: 'l',
        notPast: 'visa.expired',
        required: { not: { field: 'regime', is: 'free' } },
        requiredMessage: 'until.required',
      },
      { name: 'note', kind: 'text', label: 'l', maxLength: 5 },
    ],
    pages: [{ id: 'p', title: 't', fields: ['regime', 'visaNumber', 'visaUntil', 'note'] }],
    checks: [],
  };

  it('asks for a field only in the case that needs it', () => {
    expect(problems(form, { regime: 'free' })).toEqual({});
    expect(problems(form, { regime: 'visa', visaNumber: ' ' })).toEqual({
      visaNumber: 'visa.required',
      visaUntil: 'until.required',
    });
    expect(problems(form, { regime: 'visa', visaNumber: 'ab 12' })).toMatchObject({
      visaNumber: 'errors.passportNumber.noSpaces',
    });
  });

  it('checks an optional answer that was given, and reports every problem at once', () => {
    expect(problems(form, { regime: 'free', note: 'too long' })).toEqual({
      note: 'errors.field.text.tooLong',
    });
    expect(problems(form, { regime: 'visa', visaNumber: 'AB123', visaUntil: '2026-11-30' })).toEqual({
      visaUntil: 'visa.expired',
    });
    expect(problems(form, {})).toEqual({ regime: 'regime.required', visaUntil: 'until.required' });
  });

  it('neither checks nor keeps an answer to a field that does not apply', () => {
    const schema = formSchema(form, { profile: kg, today });
    const result = schema.safeParse({ regime: 'free', visaNumber: 'not valid!', visaUntil: '2026-11-30' });
    expect(result.success && result.data).toEqual({ regime: 'free' });
  });

  it('refuses to build with a check nobody wrote', () => {
    expect(() => formSchema({ ...form, checks: ['noSuchRule'] }, { profile: kg, today })).toThrow(
      /noSuchRule/,
    );
  });
});

describe('the summary of a registration', () => {
  it('lists the answers page by page, a missing required one too, and leaves out empty optional ones', () => {
    const sections = summaryRows(kg.registrationForm, {
      propertyId: 7,
      surname: 'MULLER',
      sex: 'F',
      purpose: 'tourism',
      patronymic: '',
      withGuardian: false,
      passportDocumentId: 3,
    });
    expect(sections.map((s) => s.id)).toEqual(['place', 'foreigner', 'stay']);
    const foreigner = sections[1]!.rows;
    expect(foreigner.find((r) => r.field === 'surname')).toMatchObject({
      value: 'MULLER',
      label: 'signup.surname',
    });
    expect(foreigner.find((r) => r.field === 'sex')).toMatchObject({ optionLabel: 'signup.sexF' });
    expect(foreigner.find((r) => r.field === 'givenNames')).toMatchObject({ value: undefined });
    expect(foreigner.map((r) => r.field)).not.toContain('patronymic');
    expect(foreigner.map((r) => r.field)).not.toContain('withGuardian');
    expect(sections[2]!.rows.find((r) => r.field === 'purpose')).toMatchObject({
      optionLabel: 'registration.purposes.tourism',
    });
  });
});
