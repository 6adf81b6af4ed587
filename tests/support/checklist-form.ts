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

/** `profile` with its form asking for the ru checklist, and the answers that checklist reads declared. */
export function withChecklist(profile: CountryProfile): CountryProfile {
  const form = profile.registrationForm;
  const declared = new Set(form.fields.map((field) => field.name));
  return {
    ...profile,
    registrationForm: {
      ...form,
      fields: [...form.fields, ...conditionFields.filter((field) => !declared.has(field.name))],
      documents: ru.registrationForm.documents,
    },
  };
}

export const checklistForm: FormDeclaration = withChecklist(ru).registrationForm;
