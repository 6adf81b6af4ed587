import type { RegistrationRules } from '../profiles/profile.js';
import type { FieldDeclaration, FormDeclaration } from './form.js';

/**
 * The answers Konok itself keeps in columns (searched, indexed, printed on the card, compared
 * across applications), whatever the country: every registration form declares them. A country's
 * other answers are its own business and travel as a whole.
 */
export const CORE_FIELDS = [
  'propertyId',
  'surname',
  'givenNames',
  'patronymic',
  'birthDate',
  'sex',
  'passportType',
  'passportCountry',
  'passportNumber',
  'passportIssueDate',
  'passportExpiryDate',
  'entryDate',
  'phone',
  'email',
  'periodFrom',
  'periodTo',
  'purpose',
  'withGuardian',
  'passportDocumentId',
  'photoDocumentId',
] as const;

/**
 * The foreigner as the passport's data page names them: in the Latin letters of its machine-readable
 * zone, or (`documentName`) in the script the document prints them in.
 */
export const passportFields = (
  rules: Pick<RegistrationRules, 'passportTypes'>,
  nameKind: 'latinName' | 'documentName' = 'latinName',
): FieldDeclaration[] => [
  {
    name: 'surname',
    kind: nameKind,
    label: nameKind === 'latinName' ? 'signup.surname' : 'registration.fields.surnameAsPrinted',
    required: true,
    requiredMessage: 'errors.registration.surname.required',
  },
  {
    name: 'givenNames',
    kind: nameKind,
    label: nameKind === 'latinName' ? 'signup.givenNames' : 'registration.fields.givenNamesAsPrinted',
    required: true,
    requiredMessage: 'errors.registration.givenNames.required',
  },
  {
    name: 'patronymic',
    kind: nameKind,
    label: nameKind === 'latinName' ? 'registration.patronymic' : 'registration.fields.patronymicAsPrinted',
  },
  {
    name: 'birthDate',
    kind: 'date',
    label: 'signup.birthDate',
    required: true,
    requiredMessage: 'errors.registration.birthDate.required',
    notFuture: 'errors.birthDate.future',
    earliest: '1900-01-01',
  },
  {
    name: 'sex',
    kind: 'select',
    label: 'signup.sex',
    required: true,
    requiredMessage: 'errors.sex.required',
    options: ['M', 'F'],
    optionLabels: 'signup.sex',
  },
  {
    name: 'passportType',
    kind: 'select',
    label: 'signup.passportType',
    required: true,
    requiredMessage: 'errors.passportType.required',
    options: rules.passportTypes,
    optionLabels: 'signup.passportTypes.',
  },
  {
    name: 'passportCountry',
    kind: 'country',
    label: 'signup.passportCountry',
    required: true,
    requiredMessage: 'errors.passportCountry.required',
  },
  {
    name: 'passportNumber',
    kind: 'documentNumber',
    label: 'signup.passportNumber',
    required: true,
    requiredMessage: 'errors.passportNumber.required',
  },
  {
    name: 'passportIssueDate',
    kind: 'date',
    label: 'signup.passportIssueDate',
    required: true,
    requiredMessage: 'errors.passportIssueDate.required',
    notFuture: 'errors.passportIssueDate.future',
  },
  {
    name: 'passportExpiryDate',
    kind: 'date',
    label: 'signup.passportExpiryDate',
    required: true,
    requiredMessage: 'errors.passportExpiryDate.required',
    notPast: 'errors.passportExpiryDate.expired',
  },
];

/**
 * The registration form of a country that registers foreigners at one of the host's own
 * properties (the guide's tab 3): place, foreigner, contacts, stay, and the two documents.
 */
export function propertyStayForm(rules: RegistrationRules): FormDeclaration {
  const fields: FieldDeclaration[] = [
    placeField,
    ...passportFields(rules),
    guardianField,
    ...stayFields(rules),
    ...uploadFields,
  ];
  return {
    version: 1,
    fields,
    pages: [
      { id: 'place', title: 'registration.pages.place', fields: ['propertyId'] },
      {
        id: 'foreigner',
        title: 'registration.pages.foreigner',
        fields: [...passportFields(rules).map((f) => f.name), 'withGuardian'],
      },
      { id: 'stay', title: 'registration.pages.stay', fields: STAY_FIELD_NAMES },
      { id: 'documents', title: 'registration.pages.documents', fields: UPLOAD_FIELD_NAMES },
    ],
    checks: CORE_CHECKS,
  };
}

/** The host's place of stay the foreigner is registered at. */
export const placeField: FieldDeclaration = {
  name: 'propertyId',
  kind: 'property',
  label: 'registration.property',
  required: true,
  requiredMessage: 'errors.registration.property.required',
};

/** A minor stays with a parent or guardian (the `guardian` check). */
export const guardianField: FieldDeclaration = {
  name: 'withGuardian',
  kind: 'boolean',
  label: 'registration.withGuardian',
};

/** The checks every form with the core fields runs. */
export const CORE_CHECKS = ['passportDates', 'entryDate', 'period', 'guardian'] as const;

export const STAY_FIELD_NAMES = ['entryDate', 'phone', 'email', 'periodFrom', 'periodTo', 'purpose'];
export const UPLOAD_FIELD_NAMES = ['passportDocumentId', 'photoDocumentId'];

/** Entry, the foreigner's contacts, the period and its purpose. */
export const stayFields = (rules: Pick<RegistrationRules, 'purposes'>): FieldDeclaration[] => [
  {
    name: 'entryDate',
    kind: 'date',
    label: 'registration.entryDate',
    required: true,
    requiredMessage: 'errors.registration.entryDate.required',
    notFuture: 'errors.registration.entryDate.future',
  },
  {
    name: 'phone',
    kind: 'phone',
    label: 'registration.phone',
    required: true,
    requiredMessage: 'errors.registration.phone.required',
  },
  { name: 'email', kind: 'email', label: 'registration.email' },
  {
    name: 'periodFrom',
    kind: 'date',
    label: 'registration.periodFrom',
    required: true,
    requiredMessage: 'errors.registration.periodFrom.required',
  },
  {
    name: 'periodTo',
    kind: 'date',
    label: 'registration.periodTo',
    required: true,
    requiredMessage: 'errors.registration.periodTo.required',
  },
  {
    name: 'purpose',
    kind: 'select',
    label: 'registration.purpose',
    required: true,
    requiredMessage: 'errors.registration.purpose.required',
    options: rules.purposes,
    optionLabels: 'registration.purposes.',
  },
];

/** The passport's data page and the foreigner's live photo, uploaded as the host goes. */
export const uploadFields: FieldDeclaration[] = [
  {
    name: 'passportDocumentId',
    kind: 'upload',
    label: 'registration.review.passportScan',
    required: true,
    requiredMessage: 'errors.registration.passportFile.required',
  },
  {
    name: 'photoDocumentId',
    kind: 'upload',
    label: 'registration.review.photo',
    required: true,
    requiredMessage: 'errors.registration.photo.required',
  },
];
