import { describe, expect, it } from 'vitest';
import type { FormDeclaration } from '../../../shared/forms/form';
import { ru } from '../../../shared/profiles/ru';
import { textsOf } from '../../http/i18n';
import { arrivalNotice } from './arrival-notice';
import type { CardFacts } from './cards.repo';

const layout = ru.card.document;
if (layout.layout !== 'arrivalNotice') throw new Error('the ru profile prints the notice of arrival');

const facts = {
  application_number: '2026-000042',
  registration_number: '12345678901234',
  decided_at: new Date('2026-12-03T09:00:00Z'),
  surname: 'LINDQVIST',
  given_names: 'ERIK',
  patronymic: null,
  birth_date: '1987-06-15',
  sex: 'M',
  passport_type: 'passport',
  passport_country: 'SWE',
  passport_issue_date: '2020-01-10',
  passport_expiry_date: '2030-01-09',
  entry_date: '2026-12-01',
  valid_from: '2026-12-02',
  valid_until: '2026-12-30',
  purpose: 'tourism',
  with_guardian: false,
  property_id: 7,
} as unknown as CardFacts;

const input = (registrationForm: FormDeclaration, extra: Record<string, unknown> = {}) => ({
  profile: { ...ru, registrationForm },
  layout,
  translate: textsOf(ru),
  facts,
  // The answers as the registration keeps them: its core columns by the form's names, and the rest.
  answers: {
    propertyId: 7,
    surname: 'LINDQVIST',
    givenNames: 'ERIK',
    patronymic: null,
    birthDate: '1987-06-15',
    sex: 'M',
    passportType: 'passport',
    passportCountry: 'SWE',
    passportNumber: 'AB1234567',
    passportIssueDate: '2020-01-10',
    passportExpiryDate: '2030-01-09',
    entryDate: '2026-12-01',
    periodFrom: '2026-12-02',
    periodTo: '2026-12-30',
    purpose: 'tourism',
    withGuardian: false,
    phone: '+46 70 123 45 67',
    ...extra,
  },
  addressLine: '125009, Москва, улица Тверская, д. 7',
  host: { name: 'IVANOV IVAN', document: 'Паспорт / Passport, RUS 4510123456' },
  verifyUrl: 'https://konok.test/v/x',
});

describe('the notice of arrival’s contents', () => {
  it('prints the form’s sections in Russian and English, without the contacts, then the receiving party and the application', () => {
    const notice = arrivalNotice(input(ru.registrationForm));
    expect(notice.sections.map((s) => s.title)).toEqual([
      'Место пребывания / Place of stay',
      'Принимающая сторона / Receiving party',
      'Сведения об иностранном гражданине / The foreign citizen',
      'Документ, подтверждающий право на пребывание / Document of lawful stay',
      'Сведения о пребывании / The stay',
      'Заявление / Application',
    ]);
    const rows = notice.sections.flatMap((s) => s.rows);
    expect(rows).toContainEqual({
      label: 'Гражданство (подданство) / Citizenship (nationality)',
      value: 'SWE — Швеция / Sweden',
    });
    expect(rows).toContainEqual({ label: 'Цель въезда / Purpose of entry', value: 'Туризм / Tourism' });
    expect(rows).toContainEqual({ label: 'Номер заявления / Application number', value: '2026-000042' });
    expect(JSON.stringify(notice)).not.toContain('+46 70');
    expect(notice.tearOff.map((r) => r.value)).toContain('2 дек./Dec 2026 – 30 дек./Dec 2026');
  });

  it('prints an answer the profile’s form adds, under its page, with the form’s own label', () => {
    const form: FormDeclaration = {
      ...ru.registrationForm,
      fields: [
        ...ru.registrationForm.fields,
        { name: 'passportSeries', kind: 'documentNumber', label: 'signup.passportNumber' },
        {
          name: 'stayPurposeExtra',
          kind: 'select',
          label: 'registration.purpose',
          options: ['work'],
          optionLabels: 'registration.purposes.',
        },
      ],
      pages: [
        ...ru.registrationForm.pages,
        {
          id: 'stayDocument',
          title: 'registration.pages.documents',
          fields: ['passportSeries', 'stayPurposeExtra'],
        },
      ],
    };
    const notice = arrivalNotice(input(form, { passportSeries: '4510', stayPurposeExtra: 'work' }));
    const added = notice.sections.find((s) => s.title === 'Документы / Documents');
    expect(added?.rows).toEqual([
      { label: 'Номер паспорта (без пробелов) / Passport number (without spaces)', value: '4510' },
      { label: 'Цель пребывания / Purpose of the stay', value: 'Работа / Work' },
    ]);
  });
});
