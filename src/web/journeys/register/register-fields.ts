import type { FormDeclaration } from '../../../shared/forms/form';

/**
 * The passport's uploads and its data page, drawn together as one block: the photo beside the
 * fields on a desktop, and the MRZ read from the upload filling the fields below it.
 */
export const IDENTITY_FIELDS = [
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
] as const;

/** Entry, contacts and the period with its rule and the end suggested from the passport: one block. */
export const STAY_FIELDS = ['entryDate', 'phone', 'email', 'periodFrom', 'periodTo', 'purpose'] as const;

export type Block =
  { kind: 'place'; name: string } | { kind: 'identity' } | { kind: 'stay' } | { kind: 'field'; name: string };

export interface PageLayout {
  id: string;
  title: string;
  blocks: Block[];
}

const IDENTITY: readonly string[] = IDENTITY_FIELDS;
const STAY: readonly string[] = STAY_FIELDS;

/**
 * The registration page as its form declares it: the pages in order, each a run of blocks — a
 * core block where the core's own controls stand (at its first field's place), every other field
 * on its own. A page left with nothing to draw is not drawn.
 */
export function pageLayout(form: FormDeclaration): PageLayout[] {
  const kinds = new Map(form.fields.map((field) => [field.name, field.kind]));
  const drawn = new Set<string>();
  return form.pages
    .map((page) => {
      const blocks: Block[] = [];
      for (const name of page.fields) {
        if (IDENTITY.includes(name)) {
          if (!drawn.has('identity')) blocks.push({ kind: 'identity' });
          drawn.add('identity');
        } else if (STAY.includes(name)) {
          if (!drawn.has('stay')) blocks.push({ kind: 'stay' });
          drawn.add('stay');
        } else if (kinds.get(name) === 'property') blocks.push({ kind: 'place', name });
        else if (kinds.get(name) !== 'upload') blocks.push({ kind: 'field', name });
      }
      return { id: page.id, title: page.title, blocks };
    })
    .filter((page) => page.blocks.length > 0);
}

/** Every field in the order the page draws it: the error summary lists problems so. */
export function fieldOrder(form: FormDeclaration): string[] {
  return pageLayout(form).flatMap((page) =>
    page.blocks.flatMap((block) =>
      block.kind === 'identity' ? [...IDENTITY] : block.kind === 'stay' ? [...STAY] : [block.name],
    ),
  );
}

/** A field's message, if it has one: the form's, an upload's or the server's. */
export type FieldErrorOf = (name: string) => string | undefined;
