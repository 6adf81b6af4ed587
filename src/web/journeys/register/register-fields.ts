import type { RegistrationInput } from '../../../shared/schemas/registrations';

/** The form's fields in the guide's order: the error summary lists them so. */
export const FIELD_ORDER = [
  'propertyId',
  'passportDocumentId',
  'photoDocumentId',
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
] as const satisfies readonly (keyof RegistrationInput)[];

/** A field's message, if it has one: the form's, an upload's or the server's. */
export type FieldErrorOf = (name: string) => string | undefined;
