import { dateRange } from './calendar.js';
import { propertyStayForm } from '../forms/core.js';
import { type CountryProfile, dateFromDdMmYyyy, type RegistrationRules } from './profile.js';

const registration: RegistrationRules = {
  // «Сумма оплаты (в сомах КР) 103.00» in the guide's registration form.
  fees: [{ from: '2023-01-01', amountMinor: 10_300, currency: 'KGS' }],
  purposes: ['tourism', 'private', 'work', 'study', 'business', 'medical', 'other'],
  passportTypes: ['passport', 'id_card', 'travel_document'],
  maxPeriodDays: 365,
  // Most foreigners stay visa-free for up to 60 days.
  usualPeriodDays: 60,
  adultAge: 18,
  // Flagged for a look, never refused: a hostel may well register many in a month.
  busy: { days: 30, perProperty: 10, perHost: 20 },
  // Five working days from entry, as the department's practice; the guide names no fine, so
  // none is shown until the department confirms one.
  lateAfter: { days: 5, unit: 'working' },
};

export const kg: CountryProfile = {
  code: 'kg',
  country: 'KGZ',
  languages: ['ru', 'ky', 'en'],
  defaultLanguage: 'ru',
  currency: 'KGS',
  subjectTypes: ['citizen_owner', 'foreign_owner'],
  hostPassportTypes: ['id_card', 'passport'],
  phone: {
    pattern: '996-XXX-XXXXXX',
    // Kyrgyz mobile numbers: 996, then a 9-digit number whose operator code starts 2, 5, 7 or 9.
    regex: /^996[2579]\d{8}$/,
    format: (d) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
  },
  personalNumber: {
    // ПИН: sex digit (1 or 2), birth date DDMMYYYY, five more digits.
    regex: /^[12]\d{13}$/,
    birthDate: (value) => dateFromDdMmYyyy(value.slice(1, 9)),
  },
  // ИНН of a Kyrgyz legal entity: 14 digits (the State Tax Service publishes no check digit).
  taxNumber: { example: '01234567891011', regex: /^\d{14}$/ },
  entityApplication: {
    legalForms: [],
    headPersonalNumber: true,
    documents: ['certificate', 'powerOfAttorney', 'trustedPassport'],
    propertyDocuments: ['propertyDocument', 'technicalPassport'],
  },
  propertyCode: {
    example: '1-02-07-0017-0056-012',
    // Identification code of real estate: region-district-zone-block-parcel, and the flat for apartments.
    regex: /^\d-\d{2}-\d{2}-\d{4}-\d{4}(-\d{3})?$/,
  },
  placeOfStay: { kind: 'registryCode' },
  areaPerPersonM2: 12,
  legal: { terms: '2026-11-01', privacy: '2026-11-01' },
  card: {
    languages: ['ky', 'ru', 'en'],
    authority: {
      // As the guide's sample card: the Ministry of Digital Development, its Population Registration Department.
      ky: ['КЫРГЫЗ РЕСПУБЛИКАСЫНЫН САНАРИПТИК ӨНҮКТҮРҮҮ МИНИСТРЛИГИ', 'Калкты каттоо департаменти'],
      ru: ['МИНИСТЕРСТВО ЦИФРОВОГО РАЗВИТИЯ КЫРГЫЗСКОЙ РЕСПУБЛИКИ', 'Департамент регистрации населения'],
      en: ['MINISTRY OF DIGITAL DEVELOPMENT OF THE KYRGYZ REPUBLIC', 'Population Registration Department'],
    },
    verifyTitle: {
      ru: 'Проверка регистрационного талона',
      ky: 'Каттоо талонун текшерүү',
      en: 'Registration card check',
    },
    document: { layout: 'card' },
  },
  contacts: {
    phone: '+996 312 000 119',
    email: 'support@konok.example',
    address: {
      ru: 'г. Бишкек, ул. Примерная, 1 (демонстрационные данные)',
      ky: 'Бишкек ш., Үлгү көчөсү, 1 (демо маалымат)',
      en: '1 Example Street, Bishkek (demo data)',
    },
  },
  registration,
  registrationForm: propertyStayForm(registration),

  statusWords: 'archive.statuses',
  clock: {
    utcOffsetHours: 6,
    label: { ru: 'время Бишкека', ky: 'Бишкек убактысы', en: 'Bishkek time' },
  },
  calendar: {
    weekend: [0, 6],
    // 2026 under the 2025 Labour Code: a holiday on a weekend is not moved to a weekday.
    // 23 February, 7 April and 7–8 November are commemorative days, worked.
    holidays: [
      ...dateRange('2026-01-01', '2026-01-07'),
      '2026-03-08',
      '2026-03-20', // Orozo Ait
      '2026-03-21', // Nooruz
      ...dateRange('2026-05-01', '2026-05-09'),
      '2026-05-27', // Kurman Ait: set each year by the authorities
      '2026-08-31',
      // 2027: fixed dates as in 2026; the Aits by the lunar calendar, expected until announced.
      ...dateRange('2027-01-01', '2027-01-07'),
      '2027-03-08',
      '2027-03-10', // Orozo Ait (expected)
      '2027-03-21',
      '2027-05-01',
      '2027-05-05',
      '2027-05-09',
      '2027-05-17', // Kurman Ait (expected)
      '2027-08-31',
    ],
    expected: ['2026-05-27', '2027-03-10', '2027-05-17'],
    years: [2026, 2027],
  },
  review: {
    // The guide names no term for an answer; five working days, as the department's practice for
    // registering after entry (lateAfter), so a request waits no longer than the registration may.
    answerWithin: { days: 5, unit: 'working' },
    rejectionReasons: [
      'document_invalid',
      'data_mismatch',
      'photo_unsuitable',
      'property_ineligible',
      'duplicate',
      'no_answer',
      'other',
    ],
    noAnswerReason: 'no_answer',
  },
};
