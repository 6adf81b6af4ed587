import { dateRange } from './calendar.js';
import { RU_REGIONS } from '../reference/ru-regions.js';
import type { DocumentDeclaration } from '../forms/form.js';
import type { CountryProfile, RegistrationRules } from './profile.js';
import { arrivalNoticeForm } from './ru-form.js';

const registration: RegistrationRules = {
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
  // an administrative offence with a fine of 2,000–5,000 roubles, up to 10,000 when repeated.
  lateAfter: { days: 7, unit: 'calendar' },
  lateFine: { minMinor: 200_000, maxMinor: 500_000, repeatMaxMinor: 1_000_000, currency: 'RUB' },
  // Seed 003, «Ответственность за фиктивную регистрацию»: said before the host confirms.
  beforeConfirm: ['profileNotices.fictitiousRegistration'],
};

const person = { field: 'receivingParty', is: ['owner', 'relative', 'representative'] } as const;
const rented = { field: 'dwellingRented', is: true } as const;

/**
 * «Список обязательных документов для загрузки» (seed 003), for the answers given: the foreigner's
 * papers by the document of stay, the dwelling's by who receives the foreigner and on what right.
 */
const documents: readonly DocumentDeclaration[] = [
  {
    type: 'foreignerPassport',
    label: 'documents.types.foreignerPassport',
    coveredBy: 'passportDocumentId',
    page: 'id3',
  },
  { type: 'visa', label: 'documents.types.visa', when: { field: 'stayDocument', is: 'visa' }, page: 'id3' },
  {
    type: 'migrationCard',
    label: 'documents.types.migrationCard',
    when: { field: 'stayDocument', is: 'migrationCard' },
    page: 'id3',
  },
  {
    type: 'residencePermit',
    label: 'documents.types.residencePermit',
    when: { field: 'stayDocument', is: ['residencePermit', 'temporaryResidencePermit'] },
    page: 'id3',
  },
  {
    type: 'insurance',
    label: 'documents.types.insurance',
    when: { field: 'stayDocument', is: 'temporaryResidencePermit' },
    page: 'a4',
  },
  {
    type: 'ownershipDocument',
    label: 'documents.types.ownershipDocument',
    when: { all: [{ field: 'receivingParty', is: 'owner' }, { not: rented }] },
    page: 'a4',
  },
  { type: 'leaseAgreement', label: 'documents.types.leaseAgreement', when: rented, page: 'a4' },
  { type: 'ownerConsent', label: 'documents.types.ownerConsent', when: rented, page: 'a4' },
  { type: 'hostPassport', label: 'documents.types.hostPassport', when: person, page: 'id3' },
  {
    type: 'relationProof',
    label: 'documents.types.relationProof',
    when: { field: 'receivingParty', is: 'relative' },
    page: 'a4',
  },
  {
    type: 'powerOfAttorney',
    label: 'documents.types.powerOfAttorney',
    when: { field: 'receivingParty', is: 'representative' },
    page: 'a4',
  },
  {
    type: 'employmentContract',
    label: 'documents.types.employmentContract',
    when: { field: 'receivingParty', is: 'employer' },
    page: 'a4',
  },
];

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
  // A Russian organisation names itself with its legal form and is known by its ИНН, ОГРН and КПП;
  // an individual entrepreneur by a personal ИНН and an ОГРНИП, with no КПП. The letter goes with
  // the extract from the state register (ЕГРЮЛ/ЕГРИП) and the responsible employee's power of attorney.
  entityApplication: {
    legalForms: [
      { value: 'ooo', ru: 'ООО', en: 'LLC (OOO)' },
      { value: 'ao', ru: 'АО', en: 'JSC (AO)' },
      { value: 'pao', ru: 'ПАО', en: 'PJSC (PAO)' },
      { value: 'ip', ru: 'ИП', en: 'Sole proprietor (IP)', entrepreneur: true },
      { value: 'gu', ru: 'ГУ', en: 'State institution (GU)' },
      { value: 'gbu', ru: 'ГБУ', en: 'State budgetary institution (GBU)' },
      { value: 'mup', ru: 'МУП', en: 'Municipal unitary enterprise (MUP)' },
      { value: 'gup', ru: 'ГУП', en: 'State unitary enterprise (GUP)' },
      { value: 'nko', ru: 'НКО', en: 'Non-profit organisation (NKO)' },
    ],
    identifiers: {
      organisation: { taxNumber: 'innOrganisation', registrationNumber: 'ogrn', kpp: 'kpp' },
      entrepreneur: { taxNumber: 'innIndividual', registrationNumber: 'ogrnip' },
    },
    headPersonalNumber: false,
    documents: ['registerExtract', 'powerOfAttorney', 'trustedPassport'],
    propertyDocuments: ['propertyDocument'],
  },
  propertyCode: {
    example: '77:01:0001001:1234',
    // Cadastral number: district:area:block:parcel.
    regex: /^\d{2}:\d{2}:\d{6,7}:\d{1,6}$/,
  },
  placeOfStay: {
    kind: 'address',
    regions: RU_REGIONS,
    streetTypes: [
      { value: 'street', ru: 'улица', en: 'street' },
      { value: 'avenue', ru: 'проспект', en: 'avenue' },
      { value: 'lane', ru: 'переулок', en: 'lane' },
      { value: 'boulevard', ru: 'бульвар', en: 'boulevard' },
      { value: 'highway', ru: 'шоссе', en: 'highway' },
      { value: 'square', ru: 'площадь', en: 'square' },
      { value: 'embankment', ru: 'набережная', en: 'embankment' },
      { value: 'passage', ru: 'проезд', en: 'passage' },
      { value: 'deadEnd', ru: 'тупик', en: 'dead end' },
      { value: 'microdistrict', ru: 'микрорайон', en: 'microdistrict' },
      { value: 'quarter', ru: 'квартал', en: 'quarter' },
    ],
    postalReference: 'russianPost',
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
    verifyTitle: {
      ru: 'Проверка уведомления о прибытии',
      en: 'Notice of arrival check',
    },
    // The confirming document of the Russian process (seed 003: application number, approval date,
    // the document to download and print): the notice of arrival in its official shape, whose
    // tear-off part the receiving party hands to the foreigner.
    document: {
      layout: 'arrivalNotice',
      title: {
        ru: 'УВЕДОМЛЕНИЕ О ПРИБЫТИИ ИНОСТРАННОГО ГРАЖДАНИНА ИЛИ ЛИЦА БЕЗ ГРАЖДАНСТВА В МЕСТО ПРЕБЫВАНИЯ',
        en: 'NOTICE OF ARRIVAL OF A FOREIGN CITIZEN OR STATELESS PERSON AT THE PLACE OF STAY',
      },
      subtitle: {
        ru: 'представлено принимающей стороной в электронной форме',
        en: 'given by the receiving party in electronic form',
      },
      tearOffTitle: {
        ru: 'Отрывная часть уведомления о прибытии иностранного гражданина или лица без гражданства в место пребывания',
        en: 'Tear-off part of the notice of arrival of a foreign citizen or stateless person at the place of stay',
      },
      confirmation: {
        ru: 'Отметка о подтверждении выполнения принимающей стороной и иностранным гражданином действий, необходимых для его постановки на учёт по месту пребывания',
        en: 'Confirmation that the receiving party and the foreign citizen have done what is required to register the foreign citizen at the place of stay',
      },
      fileName: 'arrival-notice',
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
  registration,
  registrationForm: { ...arrivalNoticeForm(registration), documents },

  statusWords: 'archive.statusesRu',
  // The production calendar: holidays of the Labour Code (art. 112) and the Government's yearly
  // decrees moving days off (Постановления Правительства РФ о переносе выходных дней), as
  // republished in github.com/xmlcalendar/data: ru/2026/calendar.xml (generated 2025-09-30,
  // commit 82c37843) and ru/2027/calendar.xml (generated 2026-09-02, commit 7296460e).
  // Federal deadlines of the migration service are kept in Moscow time.
  clock: { utcOffsetHours: 3, label: { ru: 'московское время', en: 'Moscow time' } },
  calendar: {
    weekend: [0, 6],
    holidays: [
      // 2026. New Year holidays and Christmas: 1–8 January; Saturday 3 January's day off moves to
      // Friday 9 January and Sunday 4 January's to Thursday 31 December.
      ...dateRange('2026-01-01', '2026-01-09'),
      '2026-02-23',
      '2026-03-08',
      '2026-03-09', // 8 March falls on a Sunday: the next working day is off (Labour Code art. 112).
      '2026-05-01',
      '2026-05-09',
      '2026-05-11', // 9 May falls on a Saturday.
      '2026-06-12',
      '2026-11-04',
      '2026-12-31', // from Sunday 4 January
      // 2027. Saturday 2 January's day off moves to Friday 5 November and Sunday 3 January's to
      // Friday 31 December; Saturday 20 February is worked and its day off moves to Monday 22.
      ...dateRange('2027-01-01', '2027-01-08'),
      '2027-02-22', // from Saturday 20 February
      '2027-02-23',
      '2027-03-08',
      '2027-05-01',
      '2027-05-03', // 1 May falls on a Saturday.
      '2027-05-09',
      '2027-05-10', // 9 May falls on a Sunday.
      '2027-06-12',
      '2027-06-14', // 12 June falls on a Saturday.
      '2027-11-04',
      '2027-11-05', // from Saturday 2 January
      '2027-12-31', // from Sunday 3 January
    ],
    workingWeekends: ['2027-02-20'],
    years: [2026, 2027],
  },
  review: {
    // The law gives the receiving party 7 calendar days from arrival to give notice (seed 003);
    // an answer to a request for documents gets the same span, so that a foreigner is never left
    // unregistered for longer than the notice itself may take.
    answerWithin: { days: 7, unit: 'calendar' },
    // The seed's reasons for refusal (technical failures are Konok's to fix, not a refusal).
    rejectionReasons: [
      'incomplete_documents',
      'data_mismatch',
      'invalid_migration_status',
      'no_consent',
      'registration_limit',
      'no_answer',
      'other',
    ],
    noAnswerReason: 'no_answer',
  },
};
