import {
  type Answers,
  type FieldDeclaration,
  type FieldKind,
  type FormDeclaration,
  isRequired,
  isShown,
} from './form.js';

/** One answer as the summary lists it: the page shows it in the reader's language by its kind. */
export interface SummaryRow {
  field: string;
  kind: FieldKind;
  /** i18n key of the label. */
  label: string;
  value: unknown;
  /** 'select': the i18n key of the chosen option. */
  optionLabel?: string;
}

export interface SummarySection {
  id: string;
  /** i18n key of the section's heading. */
  title: string;
  rows: SummaryRow[];
}

const blank = (value: unknown) => value === undefined || value === null || value === '' || value === false;

/**
 * What the host checks before confirming and the operator reads before deciding, in the form's
 * page order: every answer given, every required one even when missing (so the gap shows), and
 * no row for an optional answer left empty nor for a field that does not apply. Uploads are shown
 * beside, not as rows.
 */
export function summaryRows(form: FormDeclaration, answers: Answers): SummarySection[] {
  const byName = new Map<string, FieldDeclaration>(form.fields.map((field) => [field.name, field]));
  return form.pages
    .map((page) => ({
      id: page.id,
      title: page.title,
      rows: page.fields
        .map((name) => byName.get(name)!)
        .filter((field) => field.kind !== 'upload' && isShown(field, answers))
        .filter((field) => !blank(answers[field.name]) || isRequired(field, answers))
        .map((field) => {
          const value = answers[field.name];
          return {
            field: field.name,
            kind: field.kind,
            label: field.label,
            value,
            ...(field.kind === 'select' && typeof value === 'string' && field.options?.includes(value)
              ? { optionLabel: `${field.optionLabels}${value}` }
              : {}),
          };
        }),
    }))
    .filter((section) => section.rows.length > 0);
}
