import {
  CORE_CHECKS,
  guardianField,
  passportFields,
  placeField,
  STAY_FIELD_NAMES,
  stayFields,
  UPLOAD_FIELD_NAMES,
  uploadFields,
} from '../forms/core.js';
import type { Condition, FieldDeclaration, FormDeclaration } from '../forms/form.js';
import type { RegistrationRules } from './profile.js';

/** Whether the answer `field` is one of `values`. */
const when = (field: string, ...values: string[]): Condition => ({
  field,
  is: values.length === 1 ? values[0]! : values,
});

/** A person receives the foreigner (not an organisation or employer): their own passport is asked. */
const RECEIVED_BY_PERSON = when('receivingParty', 'owner', 'relative', 'representative');
const BY_VISA = when('stayDocument', 'visa');
const BY_MIGRATION_CARD = when('stayDocument', 'migrationCard');
const BY_PERMIT = when('stayDocument', 'residencePermit', 'temporaryResidencePermit');

const required = (name: string, condition: true | Condition = true) => ({
  required: condition,
  requiredMessage: `errors.registration.${name}.required`,
});

const select = (
  name: string,
  options: readonly string[],
  condition: true | Condition = true,
): FieldDeclaration => ({
  name,
  kind: 'select',
  label: `registration.fields.${name}`,
  options,
  optionLabels: `registration.options.${name}.`,
  ...required(name, condition),
});

const date = (name: string, condition: Condition, extra: Partial<FieldDeclaration> = {}) =>
  ({
    name,
    kind: 'date',
    label: `registration.fields.${name}`,
    ...required(name, condition),
    ...extra,
  }) as const;

const digits = (name: string, length: number, condition?: Condition): FieldDeclaration => ({
  name,
  kind: 'digits',
  label: `registration.fields.${name}`,
  length,
  formatMessage: `errors.registration.${name}.format`,
  ...(condition ? required(name, condition) : {}),
});

/** Принимающая сторона: who receives the foreigner, and that person's own passport. */
const receivingPartyFields: FieldDeclaration[] = [
  select('receivingParty', ['owner', 'organisation', 'employer', 'relative', 'representative']),
  select('relation', ['spouse', 'parent', 'child'], when('receivingParty', 'relative')),
  select('representativeBasis', ['lawyer', 'guardian'], when('receivingParty', 'representative')),
  digits('hostPassportSeries', 4, RECEIVED_BY_PERSON),
  digits('hostPassportNumber', 6, RECEIVED_BY_PERSON),
  {
    name: 'hostSnils',
    kind: 'identifier',
    rule: 'snils',
    label: 'registration.fields.hostSnils',
    showWhen: RECEIVED_BY_PERSON,
  },
  { name: 'dwellingRented', kind: 'boolean', label: 'registration.fields.dwellingRented' },
];

/** What the passport prints besides the core: its series, when it has one, and who issued it. */
const passportExtraFields: FieldDeclaration[] = [
  {
    name: 'passportSeries',
    kind: 'digits',
    label: 'registration.fields.passportSeries',
    maxLength: 10,
    formatMessage: 'errors.registration.passportSeries.format',
  },
  {
    name: 'passportIssuedBy',
    kind: 'text',
    label: 'registration.fields.passportIssuedBy',
    maxLength: 200,
    ...required('passportIssuedBy'),
  },
];

/** The document the foreigner stays on: a visa, a migration card, or a residence permit. */
const stayDocumentFields: FieldDeclaration[] = [
  select('stayDocument', ['visa', 'migrationCard', 'residencePermit', 'temporaryResidencePermit']),
  {
    name: 'visaNumber',
    kind: 'documentNumber',
    label: 'registration.fields.visaNumber',
    formatMessage: 'errors.registration.visaNumber.format',
    ...required('visaNumber', BY_VISA),
  },
  select('visaType', ['private', 'business', 'tourist', 'study', 'work', 'humanitarian', 'transit'], BY_VISA),
  date('visaValidFrom', BY_VISA),
  date('visaValidUntil', BY_VISA),
  digits('migrationCardSeries', 4, BY_MIGRATION_CARD),
  digits('migrationCardNumber', 7, BY_MIGRATION_CARD),
  {
    name: 'entryCheckpoint',
    kind: 'text',
    label: 'registration.fields.entryCheckpoint',
    maxLength: 120,
    ...required('entryCheckpoint', BY_MIGRATION_CARD),
  },
  {
    name: 'permitNumber',
    kind: 'documentNumber',
    label: 'registration.fields.permitNumber',
    formatMessage: 'errors.registration.permitNumber.format',
    ...required('permitNumber', BY_PERMIT),
  },
  date('permitIssueDate', BY_PERMIT, { notFuture: 'errors.registration.permitIssueDate.future' }),
  date('permitValidUntil', BY_PERMIT),
];

const names = (fields: readonly FieldDeclaration[]) => fields.map((field) => field.name);

/**
 * The notice of arrival (уведомление о прибытии): the place, the receiving party, the foreigner
 * as the passport prints them, the document of lawful stay, the stay, and the uploads.
 */
export function arrivalNoticeForm(rules: RegistrationRules): FormDeclaration {
  const passport = passportFields(rules, 'documentName');
  // The series stands before the number and the issuing authority after the dates, as printed.
  const foreigner = names(passport).flatMap((name) =>
    name === 'passportNumber'
      ? ['passportSeries', name]
      : name === 'passportExpiryDate'
        ? [name, 'passportIssuedBy']
        : [name],
  );
  return {
    version: 1,
    fields: [
      placeField,
      ...receivingPartyFields,
      ...passport,
      ...passportExtraFields,
      guardianField,
      ...stayDocumentFields,
      ...stayFields(rules),
      ...uploadFields,
    ],
    pages: [
      { id: 'place', title: 'registration.pages.place', fields: ['propertyId'] },
      {
        id: 'receivingParty',
        title: 'registration.pages.receivingParty',
        fields: names(receivingPartyFields),
      },
      { id: 'foreigner', title: 'registration.pages.foreigner', fields: [...foreigner, 'withGuardian'] },
      { id: 'stayDocument', title: 'registration.pages.stayDocument', fields: names(stayDocumentFields) },
      { id: 'stay', title: 'registration.pages.stay', fields: STAY_FIELD_NAMES },
      { id: 'documents', title: 'registration.pages.documents', fields: UPLOAD_FIELD_NAMES },
    ],
    checks: [...CORE_CHECKS, 'visaValidity', 'permitValidity'],
  };
}
