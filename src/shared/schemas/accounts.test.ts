import { describe, expect, it } from 'vitest';
import { kg } from '../profiles/kg';
import { ru } from '../profiles/ru';
import { signupDetailsSchema, statusCheckSchema } from './accounts';
import { phone, todayIso, yearsBetween } from './fields';

const valid = {
  surname: ' testova ',
  givenNames: 'aizada',
  birthDate: '1990-05-17',
  sex: 'F',
  passportType: 'passport',
  passportCountry: 'KGZ',
  passportNumber: 'pe1234590',
  passportIssueDate: '2020-02-01',
  passportExpiryDate: '2030-02-01',
  personalNumber: '11705199000123',
  phone: '+996 (700) 12-34-56',
  email: ' host@example.kg ',
  password: 'long enough',
  passwordRepeat: 'long enough',
};
const today = '2026-11-25';
const errorsOf = (input: Record<string, unknown>) => {
  const result = signupDetailsSchema(kg, today).safeParse(input);
  // The first message per field is the one shown, as on the server.
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.reverse().map((i) => [i.path.join('.'), i.message]));
};

describe('signup details schema (kg)', () => {
  it('normalises what people type: case, spaces, phone separators', () => {
    const parsed = signupDetailsSchema(kg, today).parse(valid);
    expect(parsed).toMatchObject({
      surname: 'TESTOVA',
      givenNames: 'AIZADA',
      passportNumber: 'PE1234590',
      phone: '996700123456',
      email: 'host@example.kg',
    });
  });

  it('says exactly which field is wrong', () => {
    expect(errorsOf({ ...valid, passportNumber: 'PE 123 4590' })).toEqual({
      passportNumber: 'errors.passportNumber.noSpaces',
    });
    expect(errorsOf({ ...valid, surname: 'Тестова' })).toEqual({ surname: 'errors.name.latin' });
    expect(errorsOf({ ...valid, phone: '996100123456' })).toEqual({ phone: 'errors.phone.format' });
    expect(errorsOf({ ...valid, phone: '99670012345' })).toEqual({ phone: 'errors.phone.format' });
    expect(errorsOf({ ...valid, birthDate: '1990-02-30' })).toMatchObject({
      birthDate: 'errors.date.invalid',
    });
    expect(errorsOf({ ...valid, birthDate: '2010-01-01', personalNumber: '' })).toEqual({
      birthDate: 'errors.birthDate.underage',
    });
    expect(errorsOf({ ...valid, passportExpiryDate: '2026-11-25' })).toEqual({
      passportExpiryDate: 'errors.passportExpiryDate.expired',
    });
    expect(errorsOf({ ...valid, passportIssueDate: '2027-01-01', passportExpiryDate: '2035-01-01' })).toEqual(
      { passportIssueDate: 'errors.passportIssueDate.future' },
    );
    expect(errorsOf({ ...valid, passwordRepeat: 'other' })).toEqual({
      passwordRepeat: 'errors.password.mismatch',
    });
    expect(errorsOf({ ...valid, password: 'short', passwordRepeat: 'short' })).toEqual({
      password: 'errors.password.tooShort',
    });
    expect(errorsOf({ ...valid, sex: 'X' })).toEqual({ sex: 'errors.sex.required' });
  });

  it('checks the personal number: 14 digits, a real date that is the date of birth; empty is allowed', () => {
    expect(errorsOf({ ...valid, personalNumber: '' })).toEqual({});
    expect(errorsOf({ ...valid, personalNumber: '1170519900012' })).toEqual({
      personalNumber: 'errors.personalNumber.format',
    });
    expect(errorsOf({ ...valid, personalNumber: '31705199000123' })).toEqual({
      personalNumber: 'errors.personalNumber.format',
    });
    expect(errorsOf({ ...valid, personalNumber: '21805199000123' })).toEqual({
      personalNumber: 'errors.personalNumber.birthDate',
    });
  });

  it('returns every error at once for an empty form', () => {
    const fields = Object.keys(errorsOf({}));
    expect(fields).toEqual(
      expect.arrayContaining([
        'surname',
        'givenNames',
        'birthDate',
        'sex',
        'passportType',
        'passportCountry',
        'passportNumber',
        'passportIssueDate',
        'passportExpiryDate',
        'phone',
        'email',
        'password',
        'passwordRepeat',
      ]),
    );
  });
});

describe('profiles', () => {
  it('kg and ru phone formats differ, as data', () => {
    expect(phone(kg).safeParse('996-555-123456').success).toBe(true);
    expect(phone(ru).safeParse('996-555-123456').success).toBe(false);
    expect(phone(ru).safeParse('+7 (912) 345-67-89').success).toBe(true);
    expect(kg.phone.format('996555123456')).toBe('996-555-123456');
  });
});

describe('dates', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(yearsBetween('2008-11-25', '2026-11-25')).toBe(18);
    expect(yearsBetween('2008-11-26', '2026-11-25')).toBe(17);
  });
  it("uses Bishkek's calendar day (UTC+6)", () => {
    expect(todayIso(new Date('2026-11-24T19:00:00Z'))).toBe('2026-11-25');
    expect(todayIso(new Date('2026-11-24T17:59:00Z'))).toBe('2026-11-24');
  });
  it('status check numbers are trimmed of spaces', () => {
    expect(statusCheckSchema.parse({ number: ' 5993 0207 0773 49 ', passportNumber: 'n1234567' })).toEqual({
      number: '59930207077349',
      passportNumber: 'N1234567',
    });
  });
});
