import { dateRange } from './calendar.js';
import type { CountryProfile } from './profile.js';

export const ru: CountryProfile = {
  code: 'ru',
  country: 'RUS',
  languages: ['ru', 'en'],
  defaultLanguage: 'ru',
  currency: 'RUB',
  subjectTypes: ['citizen_owner', 'foreign_owner'],
  hostPassportTypes: ['passport'],
  phone: {
    pattern: '7-XXX-XXX-XX-XX',
    regex: /^79\d{9}$/,
    format: (d) => `${d[0]}-${d.slice(1, 4)}-${d.slice(4, 7)}-${d.slice(7, 9)}-${d.slice(9)}`,
  },
  personalNumber: { regex: /^\d{12}$/ },
  // ИНН of a Russian organisation: 10 digits, the last a check digit.
  taxNumber: { example: '7707083893', regex: /^\d{10}$/, rule: 'innOrganisation' },
  propertyCode: {
    example: '77:01:0001001:1234',
    // Cadastral number: district:area:block:parcel.
    regex: /^\d{2}:\d{2}:\d{6,7}:\d{1,6}$/,
  },
  areaPerPersonM2: 6,
  legal: { terms: '2026-11-01', privacy: '2026-11-01' },
  card: {
    languages: ['ru', 'en'],
    authority: {
      ru: ['МИНИСТЕРСТВО ВНУТРЕННИХ ДЕЛ РОССИЙСКОЙ ФЕДЕРАЦИИ', 'Главное управление по вопросам миграции'],
      en: [
        'MINISTRY OF INTERNAL AFFAIRS OF THE RUSSIAN FEDERATION',
        'Main Directorate for Migration Affairs',
      ],
    },
  },
  contacts: {
    phone: '+7 800 000 00 00',
    email: 'support@konok.example',
    address: {
      ru: 'Москва (демонстрационные данные)',
      ky: 'Москва (демо маалымат)',
      en: 'Moscow (demo data)',
    },
  },
  registration: {
    // Migration registration at the place of stay carries no state fee in Russia.
    fees: [{ from: '2023-01-01', amountMinor: 0, currency: 'RUB' }],
    purposes: ['tourism', 'private', 'work', 'study', 'business', 'medical', 'other'],
    passportTypes: ['passport', 'id_card', 'travel_document'],
    maxPeriodDays: 365,
    // 90 days in any 180 without a visa for most visitors.
    usualPeriodDays: 90,
    adultAge: 18,
    // Flagged for a look, never refused: a hostel may well register many in a month.
    busy: { days: 30, perProperty: 10, perHost: 20 },
    // «в течение 7 календарных дней с момента фактического прибытия» (seed 003); late notice is
    // an administrative offence with a fine of 2,000–5,000 roubles.
    lateAfter: { days: 7, unit: 'calendar' },
    lateFine: { minMinor: 200_000, maxMinor: 500_000, currency: 'RUB' },
  },
  statusWords: 'archive.statusesRu',
  calendar: {
    weekend: [0, 6],
    holidays: [
      ...dateRange('2026-01-01', '2026-01-11'),
      ...dateRange('2026-02-21', '2026-02-23'),
      ...dateRange('2026-03-07', '2026-03-09'),
      ...dateRange('2026-05-01', '2026-05-03'),
      ...dateRange('2026-05-09', '2026-05-11'),
      ...dateRange('2026-06-12', '2026-06-14'),
      '2026-11-04',
      '2026-12-31',
    ],
    years: [2026],
  },
};
