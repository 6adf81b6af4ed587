import type { IdentifierName } from './identifiers.js';

/**
 * A registration form as data. A country declares its fields, the pages they stand on and the
 * cross-field checks that hold between them; one builder turns that into the schema the browser
 * and the server check with, and one function into the summary the host and the operator read.
 * A second country's form is a second declaration, never a second copy of the code.
 */

/** How a field is typed and checked: each kind has one schema (kinds.ts) and one control in the web. */
export type FieldKind =
  /** Latin letters as printed in a passport's machine-readable zone. */
  | 'latinName'
  /** A date, 'YYYY-MM-DD'. */
  | 'date'
  /** One of the declared options. */
  | 'select'
  /** An ISO 3166 alpha-3 country code. */
  | 'country'
  /** A travel document's number: Latin capitals and digits, no spaces. */
  | 'documentNumber'
  /** Any country's mobile number, international form. */
  | 'phone'
  | 'email'
  | 'boolean'
  /** One of the host's own places of stay, by its id. */
  | 'property'
  /** A file the host uploaded for this form, by its id. */
  | 'upload'
  /** A name as an identity document prints it: Latin or Cyrillic letters, one script per answer. */
  | 'documentName'
  /** Digits only (a series, a number, an index), of the declared length. */
  | 'digits'
  /** Free text, one line, trimmed and bounded. */
  | 'text'
  /** A registry identifier checked by its named rule (identifiers.ts). */
  | 'identifier';

/** When a field applies: compared with the other answers as they are. */
export type Condition =
  | { field: string; is: string | boolean | readonly string[] }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition };

export interface FieldDeclaration {
  /** The answer's key, as the API and the stored answers name it. */
  name: string;
  kind: FieldKind;
  /** i18n key of the field's label. */
  label: string;
  /** Required always, or when the condition holds; absent means optional. */
  required?: true | Condition;
  /** i18n key shown when a required answer is missing (or unreadable); every required field has one. */
  requiredMessage?: string;
  /** A date that may not lie after today (born, issued, entered), with its message. */
  notFuture?: string;
  /** A date that may not lie before today (a document still valid), with its message. */
  notPast?: string;
  /** A date that may not lie before this one ('YYYY-MM-DD'). */
  earliest?: string;
  /** 'select': the values offered. */
  options?: readonly string[];
  /** 'select': the i18n key of an option is this prefix followed by its value. */
  optionLabels?: string;
  /** Shown (and kept) only while this holds; a field required only in some cases is shown in those. */
  showWhen?: Condition;
  /** 'digits': exactly this many. */
  length?: number;
  /** 'digits' and 'text': bounds on the answer's length. */
  minLength?: number;
  maxLength?: number;
  /** i18n key shown when the answer's shape is wrong, instead of its kind's own. */
  formatMessage?: string;
  /** 'identifier': the named rule that checks it. */
  rule?: IdentifierName;
}

export interface PageDeclaration {
  id: string;
  /** i18n key of the page's heading, which the summary repeats. */
  title: string;
  fields: readonly string[];
}

export interface FormDeclaration {
  /** Stored with every answer set, so an answer is always read against the form it was given on. */
  version: number;
  fields: readonly FieldDeclaration[];
  pages: readonly PageDeclaration[];
  /** Named cross-field checks (checks.ts), run after every field is checked on its own. */
  checks: readonly string[];
  /** The files a registration on this form must carry, each when its condition holds (documents.ts). */
  documents?: readonly DocumentDeclaration[];
}

/** The page a document shows, by which a scan's resolution is judged (documents.ts `PAGE_INCHES`). */
export type PageSize = 'a4' | 'id3';

/** One item of the documents checklist: a kind of file, asked for when its condition holds. */
export interface DocumentDeclaration {
  /** The item's name, as attachments and the stored rows call it. */
  type: string;
  /** i18n key of the item's name. */
  label: string;
  /** Asked for only when this holds; absent means always. */
  when?: Condition;
  /** A core upload field that counts as this item (the passport page uploaded with the form). */
  coveredBy?: string;
  /** The page the document is printed on: a scan of it must reach the minimum dpi on that page. */
  page: PageSize;
}

export type Answers = Record<string, unknown>;

/** Whether `condition` holds for `answers`. */
export function holds(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, answers));
  if ('any' in condition) return condition.any.some((c) => holds(c, answers));
  if ('not' in condition) return !holds(condition.not, answers);
  const value = answers[condition.field];
  return Array.isArray(condition.is) ? condition.is.includes(value as string) : value === condition.is;
}

/** Whether the field must be answered, given the others. */
export const isRequired = (field: FieldDeclaration, answers: Answers): boolean =>
  field.required === true || (field.required !== undefined && holds(field.required, answers));

/** Whether the field applies at all, given the others: its own condition, or its required-when one. */
export function isShown(field: FieldDeclaration, answers: Answers): boolean {
  if (field.showWhen) return holds(field.showWhen, answers);
  if (field.required !== undefined && field.required !== true) return holds(field.required, answers);
  return true;
}
