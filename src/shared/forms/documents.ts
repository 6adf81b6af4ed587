import { z } from 'zod';
import {
  type Answers,
  type DocumentDeclaration,
  type FormDeclaration,
  type PageSize,
  holds,
} from './form.js';

/** One file attached to a checklist item; several of the same type are the parts of one document. */
export interface Attachment {
  type: string;
  documentId: number;
}

/** A document may be split into parts under the size limit; a form holds this many files at most. */
export const MAX_ATTACHMENTS = 40;

/** The least resolution at which a scan's text stays readable (seed 003: «не менее 300 dpi»). */
export const MIN_SCAN_DPI = 300;

/** The longer side of each page, in inches: A4 (297 mm) and a passport's ID-3 page (125 mm). */
export const PAGE_INCHES: Record<PageSize, number> = { a4: 11.69, id3: 4.92 };

/**
 * The resolution an image gives the page it shows: pixels along its longer side over the page's
 * longer side. The dpi written in a file's metadata is whatever the camera or scanner app put
 * there (72 from most phones, 300 from an upscaled screenshot), so only the pixels are trusted.
 */
export function scanDpi(size: { width: number; height: number }, page: PageSize): number {
  return Math.floor(Math.max(size.width, size.height) / PAGE_INCHES[page]);
}

/** The checklist for these answers: the declared items whose condition holds, in declared order. */
export function requiredDocuments(form: FormDeclaration, answers: Answers): DocumentDeclaration[] {
  return (form.documents ?? []).filter((item) => !item.when || holds(item.when, answers));
}

/** Whether an item is satisfied: a file attached to it, or the core upload that counts for it. */
export function isProvided(item: DocumentDeclaration, answers: Answers): boolean {
  const attached = Array.isArray(answers.attachments)
    ? (answers.attachments as Partial<Attachment>[]).some((a) => a?.type === item.type)
    : false;
  const core = item.coveredBy ? answers[item.coveredBy] : undefined;
  return attached || (core !== undefined && core !== null && core !== '');
}

/** The `attachments` answer: files of the declared types, by the ids of the host's uploads. */
export function attachmentsSchema(documents: readonly DocumentDeclaration[]) {
  const types = documents.map((d) => d.type) as [string, ...string[]];
  return z
    .array(
      z.object({
        type: z.enum(types, { error: 'errors.attachment.type' }),
        documentId: z.coerce
          .number({ error: 'errors.attachment.file' })
          .int('errors.attachment.file')
          .positive('errors.attachment.file')
          .max(Number.MAX_SAFE_INTEGER, 'errors.attachment.file'),
      }),
      { error: 'errors.attachment.file' },
    )
    .max(MAX_ATTACHMENTS, 'errors.attachment.tooMany')
    .refine((list) => new Set(list.map((a) => a.documentId)).size === list.length, 'errors.attachment.file')
    .optional();
}

/**
 * Letters of Cyrillic alphabets in Latin, after the Russian passport's table (ICAO 9303 / приказ
 * МВД № 889), with the Kyrgyz, Kazakh and Ukrainian letters that table leaves out.
 */
// prettier-ignore
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia', ң: 'ng', ө: 'o',
  ү: 'u', ә: 'a', ғ: 'g', қ: 'k', ұ: 'u', һ: 'h', і: 'i', ї: 'i', є: 'ie', ґ: 'g',
};

/** A text as Latin letters, digits and underscores only: what any file system and mail client keep. */
export function transliterate(text: string): string {
  const latin = [...text.normalize('NFC')]
    .map((char) => {
      const lower = char.toLowerCase();
      const mapped = CYRILLIC[lower];
      if (mapped === undefined) return char;
      return char === lower ? mapped : mapped.charAt(0).toUpperCase() + mapped.slice(1);
    })
    .join('')
    // Accents off Latin letters (é → e), then everything else becomes a separator.
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return latin.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/**
 * The name Konok gives a checklist file, so the host never renames one: SURNAME_NAME_DocType, with
 * _partN when the document has several parts, and the extension of what the file is. The person's
 * names in capitals, as the passport and the stored application write them, and capitalised before
 * they are transliterated, as the form's schema does: the page naming a file while the host types
 * «Müller» or «Straße» shows the name the server later gives it from «MÜLLER», «STRASSE».
 */
export function attachmentFileName(options: {
  surname?: unknown;
  givenNames?: unknown;
  type: string;
  part?: number;
  parts?: number;
  mediaType: string;
}): string {
  const name = (value: unknown) =>
    typeof value === 'string' ? transliterate(value.toUpperCase()).toUpperCase() : '';
  const firstName = name(options.givenNames).split('_')[0] ?? '';
  const typeName = options.type.charAt(0).toUpperCase() + options.type.slice(1);
  const partName = (options.parts ?? 1) > 1 && options.part ? `part${options.part}` : '';
  const stem = [name(options.surname), firstName, typeName, partName].filter(Boolean).join('_');
  return `${stem}.${EXTENSIONS[options.mediaType] ?? 'bin'}`;
}
