import { describe, expect, it } from 'vitest';
import { PROFILES } from '../profiles';
import { kg } from '../profiles/kg';
import { feeOn } from '../profiles/profile';
import { registrationSchema } from './registrations';

const today = '2026-12-01';
const valid = {
  propertyId: 7,
  passportDocumentId: 11,
  photoDocumentId: 12,
  surname: 'muller',
  givenNames: 'anna maria',
  patronymic: '',
  birthDate: '1990-05-17',
  sex: 'F',
  passportType: 'passport',
  passportCountry: 'DEU',
  passportNumber: 'c01x00t47',
  passportIssueDate: '2020-02-01',
  passportExpiryDate: '2030-02-01',
  entryDate: '2026-11-28',
  phone: '+49 151 2345-6789',
  email: 'anna@example.de',
  periodFrom: '2026-11-29',
  periodTo: '2026-12-20',
  purpose: 'tourism',
};

/** Field → message key of every problem found, all at once. */
function problems(input: Record<string, unknown>): Record<string, string> {
  const result = registrationSchema(kg, today).safeParse(input);
  if (result.success) return {};
  const found: Record<string, string> = {};
  for (const issue of result.error.issues) found[String(issue.path[0] ?? '_')] ??= issue.message;
  return found;
}

describe('the registration form', () => {
  it('accepts a valid foreigner and normalises what was typed', () => {
    const parsed = registrationSchema(kg, today).parse(valid);
    expect(parsed).toMatchObject({
      surname: 'MULLER',
      givenNames: 'ANNA MARIA',
      patronymic: '',
      passportNumber: 'C01X00T47',
      phone: '4915123456789',
    });
  });

  it('reports every missing field at once', () => {
    expect(Object.keys(problems({})).sort()).toEqual(
      [
        'propertyId',
        'surname',
        'givenNames',
        'birthDate',
        'sex',
        'passportType',
        'passportCountry',
        'passportNumber',
        'passportIssueDate',
        'passportExpiryDate',
        'entryDate',
        'phone',
        'periodFrom',
        'periodTo',
        'purpose',
        'passportDocumentId',
        'photoDocumentId',
      ].sort(),
    );
    expect(problems({}).photoDocumentId).toBe('errors.registration.photo.required');
  });

  it('wants Latin letters in names, a passport number without spaces, an international phone', () => {
    expect(
      problems({
        ...valid,
        surname: 'Мюллер',
        patronymic: 'Ивановна',
        passportNumber: 'C01 X00',
        phone: '12345',
      }),
    ).toEqual({
      surname: 'errors.name.latin',
      patronymic: 'errors.name.latin',
      passportNumber: 'errors.passportNumber.noSpaces',
      phone: 'errors.registration.phone.format',
    });
    expect(problems({ ...valid, phone: '+996 555 123456' })).toEqual({});
    expect(problems({ ...valid, email: '' })).toEqual({});
    expect(problems({ ...valid, email: 'not-an-address' })).toEqual({ email: 'errors.email.invalid' });
  });

  it('wants real dates in order: birth < issue ≤ today ≤ expiry, entry ≤ period start', () => {
    expect(problems({ ...valid, birthDate: '1990-02-30' })).toEqual({ birthDate: 'errors.date.invalid' });
    expect(problems({ ...valid, passportIssueDate: '1989-01-01' })).toEqual({
      passportIssueDate: 'errors.passportIssueDate.beforeBirth',
    });
    expect(problems({ ...valid, passportIssueDate: '2026-12-02' })).toEqual({
      passportIssueDate: 'errors.passportIssueDate.future',
    });
    expect(problems({ ...valid, passportExpiryDate: '2026-11-30' })).toMatchObject({
      passportExpiryDate: 'errors.passportExpiryDate.expired',
    });
    expect(problems({ ...valid, entryDate: '2026-11-30' })).toEqual({
      entryDate: 'errors.registration.entryDate.afterPeriodStart',
    });
    expect(problems({ ...valid, entryDate: '2026-12-05', periodFrom: '2026-12-06' })).toEqual({
      entryDate: 'errors.registration.entryDate.future',
    });
  });

  it('keeps the passport valid through the whole period, and the period within the profile’s limit', () => {
    expect(problems({ ...valid, passportExpiryDate: '2026-12-10' })).toEqual({
      passportExpiryDate: 'errors.registration.passportExpiryDate.beforePeriodEnd',
    });
    expect(problems({ ...valid, periodTo: '2026-11-20' })).toMatchObject({
      periodTo: 'errors.registration.periodTo.beforeFrom',
    });
    expect(problems({ ...valid, periodTo: '2027-11-28' })).toEqual({});
    expect(problems({ ...valid, periodTo: '2027-11-29' })).toEqual({
      periodTo: 'errors.registration.periodTo.tooLong',
    });
  });

  it('a foreigner under 18 is registered with a parent or guardian', () => {
    const child = { ...valid, birthDate: '2012-03-01', passportIssueDate: '2022-01-01' };
    expect(problems(child)).toEqual({ withGuardian: 'errors.registration.withGuardian.required' });
    expect(problems({ ...child, withGuardian: true })).toEqual({});
    // 18 on the first day of the period: an adult.
    expect(problems({ ...child, birthDate: '2008-11-29', passportIssueDate: '2020-01-01' })).toEqual({});
  });

  it('takes the purpose and the passport type from the profile', () => {
    expect(problems({ ...valid, purpose: 'smuggling', passportType: 'library_card' })).toEqual({
      purpose: 'errors.registration.purpose.required',
      passportType: 'errors.passportType.required',
    });
  });
});

describe('the fee schedule', () => {
  it('is data with validity dates: 103.00 KGS in kg', () => {
    expect(feeOn(kg.registration, today)).toEqual({
      from: '2023-01-01',
      amountMinor: 10_300,
      currency: 'KGS',
    });
    const changed = {
      ...kg.registration,
      fees: [
        { from: '2023-01-01', until: '2026-12-31', amountMinor: 10_300, currency: 'KGS' },
        { from: '2027-01-01', amountMinor: 12_000, currency: 'KGS' },
      ],
    };
    expect(feeOn(changed, '2026-12-31')?.amountMinor).toBe(10_300);
    expect(feeOn(changed, '2027-01-01')?.amountMinor).toBe(12_000);
    expect(feeOn(changed, '2022-12-31')).toBeUndefined();
  });
});

describe('every profile', () => {
  it('has a fee for every day from now on (an open-ended schedule)', () => {
    for (const profile of Object.values(PROFILES)) {
      for (const date of ['2026-12-01', '2030-06-30', '2099-12-31'])
        expect(feeOn(profile.registration, date), `${profile.code} ${date}`).toBeDefined();
    }
  });
});
