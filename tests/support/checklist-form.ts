import type { FieldDeclaration, FormDeclaration } from '../../src/shared/forms/form';
import type { CountryProfile } from '../../src/shared/profiles/profile';
import { ru } from '../../src/shared/profiles/ru';

/**
 * The answers the ru checklist's conditions read, as the shared contract names them, declared on
 * top of the ru form: the checklist is tested against them whether or not ru declares them yet.
 */
const conditionFields: FieldDeclaration[] = [
  {
    name: 'receivingParty',
    kind: 'select',
    label: 'documents.checklist.title',
    options: ['owner', 'organisation', 'employer', 'relative', 'representative'],
  },
  { name: 'dwellingRented', kind: 'boolean', label: 'documents.checklist.title' },
  {
    name: 'stayDocument',
    kind: 'select',
    label: 'documents.checklist.title',
    options: ['visa', 'migrationCard', 'residencePermit', 'temporaryResidencePermit'],
  },
];

const declared = new Set(ru.registrationForm.fields.map((field) => field.name));

export const checklistForm: FormDeclaration = {
  ...ru.registrationForm,
  fields: [...ru.registrationForm.fields, ...conditionFields.filter((field) => !declared.has(field.name))],
};

/** The ru profile with the checklist's answers declared. */
export const checklistProfile: CountryProfile = { ...ru, registrationForm: checklistForm };
