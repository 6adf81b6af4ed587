import { describe, expect, it } from 'vitest';
import { ru } from '../profiles/ru';
import { formSchema } from './build';
import type { FieldDeclaration, FormDeclaration } from './form';
import { fieldSchema } from './kinds';
import { summaryRows } from './summary';

const today = '2026-12-01';
const one = (field: Omit<FieldDeclaration, 'label'>, value: unknown) => {
  const result = fieldSchema({ label: 'l', ...field } as FieldDeclaration, { today }).safeParse(value);
  return result.success ? { value: result.data } : { problem: result.error.issues[0]!.message };
};

describe('the field kinds', () => {
  it('documentName: Latin or Cyrillic capitals as printed, one alphabet per answer', () => {
    const name = { name: 'n', kind: 'documentName', required: true, requiredMessage: 'req' } as const;
    expect(one(name, '  Мюллер-Шмидт ')).toEqual({ value: 'МЮЛЛЕР-ШМИДТ' });
    expect(one(name, 'd’arc')).toEqual({ value: "D'ARC" });
    expect(one(name, 'Mюллер')).toEqual({ problem: 'errors.field.documentName.mixed' });
    expect(one(name, 'Anna1')).toEqual({ problem: 'errors.field.documentName.letters' });
    expect(one(name, '')).toEqual({ problem: 'req' });
    expect(one({ ...name, required: undefined }, '')).toEqual({ value: undefined });
  });

  it('digits: digits only, of the declared length, spaces between groups dropped', () => {
    const series = { name: 's', kind: 'digits', length: 4, formatMessage: 'four' } as const;
    expect(one(series, '45 12')).toEqual({ value: '4512' });
    expect(one(series, '45A2')).toEqual({ problem: 'errors.field.digits.only' });
    expect(one(series, '451')).toEqual({ problem: 'four' });
    expect(one({ name: 's', kind: 'digits', maxLength: 3 }, '1234')).toEqual({
      problem: 'errors.field.digits.length',
    });
  });

  it('text: trimmed, bounded, no control characters', () => {
    const note = { name: 't', kind: 'text', maxLength: 10, required: true, requiredMessage: 'req' } as const;
    expect(one(note, '  ОВД   Центр ')).toEqual({ value: 'ОВД Центр' });
    expect(one(note, 'x'.repeat(11))).toEqual({ problem: 'errors.field.text.tooLong' });
    expect(one(note, 'a\u0000b')).toEqual({ problem: 'errors.text.control' });
    expect(one(note, '   ')).toEqual({ problem: 'req' });
  });

  it('identifier: the named rule, with its own messages', () => {
    const snils = { name: 'i', kind: 'identifier', rule: 'snils' } as const;
    expect(one(snils, '112-233-445 95')).toEqual({ value: '11223344595' });
    expect(one(snils, '112-233-445 96')).toEqual({ problem: 'errors.identifiers.snils.check' });
    expect(one(snils, '12345')).toEqual({ problem: 'errors.identifiers.snils.format' });
    expect(one(snils, '')).toEqual({ value: undefined });
  });
});

const form: FormDeclaration = ru.registrationForm;
/** A complete notice of arrival, on a visa; each test changes what it is about. */
const answers = (overrides: Record<string, unknown> = {}) => ({
  propertyId: 1,
  receivingParty: 'organisation',
  surname: 'MULLER',
  givenNames: 'ANNA',
  birthDate: '1990-05-17',
  sex: 'F',
  passportType: 'passport',
  passportCountry: 'DEU',
  passportNumber: 'C01X00T47',
  passportIssueDate: '2020-02-01',
  passportExpiryDate: '2031-02-01',
  passportIssuedBy: 'Stadt Berlin',
  stayDocument: 'visa',
  visaNumber: 'AB1234567',
  visaType: 'tourist',
  visaValidFrom: '2026-11-20',
  visaValidUntil: '2027-01-31',
  entryDate: '2026-11-29',
  phone: '+49 151 23456789',
  periodFrom: '2026-11-30',
  periodTo: '2027-01-15',
  purpose: 'tourism',
  passportDocumentId: 1,
  photoDocumentId: 2,
  ...overrides,
});
// The answers' own checks; which documents they call for is the checklist's test (documents.test.ts).
const withoutChecklist = { ...form, documents: [] };
function problems(input: Record<string, unknown>) {
  const result = formSchema(withoutChecklist, { profile: ru, today }).safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
}

describe("Russia's checks between answers", () => {
  it('a visa valid on the day of entry and through the whole stay', () => {
    expect(problems(answers())).toEqual({});
    expect(problems(answers({ visaValidUntil: '2027-01-14' }))).toEqual({
      visaValidUntil: 'errors.registration.visaValidUntil.beforePeriodEnd',
    });
    expect(problems(answers({ visaValidFrom: '2026-11-30' }))).toEqual({
      visaValidFrom: 'errors.registration.visaValidFrom.afterEntry',
    });
    expect(problems(answers({ visaValidUntil: '2026-11-10' }))).toMatchObject({
      visaValidUntil: 'errors.registration.visaValidUntil.beforeFrom',
    });
  });

  it('a residence permit issued before the stay and valid through it', () => {
    const permit = (overrides: Record<string, unknown>) =>
      answers({ stayDocument: 'residencePermit', permitNumber: '821234567', ...overrides });
    expect(problems(permit({ permitIssueDate: '2025-01-10', permitValidUntil: '2030-01-10' }))).toEqual({});
    expect(problems(permit({ permitIssueDate: '2025-01-10', permitValidUntil: '2027-01-01' }))).toEqual({
      permitValidUntil: 'errors.registration.permitValidUntil.beforePeriodEnd',
    });
    expect(problems(permit({ permitIssueDate: '2026-12-01', permitValidUntil: '2030-01-10' }))).toEqual({
      permitIssueDate: 'errors.registration.permitIssueDate.afterPeriodStart',
    });
  });

  it('asks for the receiving person’s passport only when a person receives the foreigner', () => {
    expect(problems(answers({ receivingParty: 'owner' }))).toEqual({
      hostPassportSeries: 'errors.registration.hostPassportSeries.required',
      hostPassportNumber: 'errors.registration.hostPassportNumber.required',
    });
    expect(problems(answers({ receivingParty: 'representative' }))).toMatchObject({
      representativeBasis: 'errors.registration.representativeBasis.required',
    });
  });
});

describe('the summary of a Russian notice of arrival', () => {
  it('has its sections in the pages’ order, shows only what applies, and a missing required answer', () => {
    const sections = summaryRows(
      form,
      answers({
        receivingParty: 'relative',
        relation: 'spouse',
        hostPassportSeries: '4512',
        visaNumber: undefined,
        migrationCardNumber: '1234567',
      }),
    );
    expect(sections.map((s) => s.id)).toEqual([
      'place',
      'receivingParty',
      'foreigner',
      'stayDocument',
      'stay',
    ]);
    const party = sections[1]!.rows;
    expect(party.find((r) => r.field === 'relation')).toMatchObject({
      optionLabel: 'registration.options.relation.spouse',
      label: 'registration.fields.relation',
    });
    // Required for a person and not given: the gap shows.
    expect(party.find((r) => r.field === 'hostPassportNumber')).toMatchObject({ value: undefined });
    expect(party.map((r) => r.field)).not.toContain('representativeBasis');
    const stayDocument = sections[3]!.rows.map((r) => r.field);
    expect(stayDocument).toEqual([
      'stayDocument',
      'visaNumber',
      'visaType',
      'visaValidFrom',
      'visaValidUntil',
    ]);
    expect(stayDocument).not.toContain('migrationCardNumber');
  });
});
