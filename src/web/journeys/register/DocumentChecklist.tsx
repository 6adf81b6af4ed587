import { useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { uploadWithProgress } from '../../api/upload';
import {
  attachmentFileName,
  isProvided,
  requiredDocuments,
  type Attachment,
} from '../../../shared/forms/documents';
import type { Answers, DocumentDeclaration, FormDeclaration } from '../../../shared/forms/form';
import { attachmentResponse } from '../../../shared/schemas/responses';
import { MAX_UPLOAD_BYTES } from '../../../shared/schemas/uploads';

/** A file attached to an item, with what the page shows of it (kept in the draft, dropped by the server). */
export interface ChecklistEntry extends Attachment {
  mediaType?: string;
  sizeBytes?: number;
}

type ItemErrors = Record<string, { message?: string } | undefined>;

const entriesOf = (answers: Answers): ChecklistEntry[] =>
  Array.isArray(answers.attachments) ? (answers.attachments as ChecklistEntry[]) : [];

const fieldId = (type: string) => `field-attachments.${type}`;

/** A message on an item: a key of the shared schema said with the item's name, or the server's text. */
function itemMessage(t: TFunction, item: DocumentDeclaration, message: string | undefined) {
  if (!message) return undefined;
  return message.startsWith('errors.') ? t(message, { document: t(item.label) }) : message;
}

/** The checklist's problems as the error summary lists them: one per item, linked to its button. */
export function checklistErrors(t: TFunction, form: FormDeclaration, errors: unknown) {
  const byType = (errors ?? {}) as ItemErrors;
  return Object.fromEntries(
    (form.documents ?? []).flatMap((item) => {
      const message = itemMessage(t, item, byType[item.type]?.message);
      return message ? [[`attachments.${item.type}`, { message }]] : [];
    }),
  );
}

/** A file's size in the reader's language: kilobytes below one megabyte. */
function sizeText(bytes: number | undefined, language: string) {
  if (bytes === undefined) return '';
  const small = bytes < 1024 * 1024;
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: small ? 'kilobyte' : 'megabyte',
    maximumFractionDigits: small ? 0 : 2,
  }).format(small ? Math.max(1, bytes / 1024) : bytes / 1024 / 1024);
}

/**
 * «Документы»: one row per document these answers call for, recomputed as they change. Each file
 * goes to the server as soon as it is chosen (with its progress), is checked there by the seed's
 * rules, and is shown as Konok will name it; a document may have several parts.
 */
export function DocumentChecklist({
  form,
  answers,
  errors,
  onChange,
}: {
  form: FormDeclaration;
  answers: Answers;
  /** The form's problems by item type, as the page's form holds them under `attachments`. */
  errors?: unknown;
  onChange: (entries: ChecklistEntry[]) => void;
}) {
  const { t } = useTranslation();
  const items = requiredDocuments(form, answers);
  const entries = entriesOf(answers);
  // Uploads finish in any order: each adds to the list as it stands then, not as it stood.
  const latest = useRef(entries);
  latest.current = entries;
  const [progress, setProgress] = useState<Record<string, number>>({});
  const [uploadErrors, setUploadErrors] = useState<Record<string, string>>({});
  if (items.length === 0) return null;

  const upload = async (item: DocumentDeclaration, file: File) => {
    setUploadErrors(({ [item.type]: _cleared, ...rest }) => rest);
    if (file.size > MAX_UPLOAD_BYTES) {
      const size = (Math.ceil((file.size / 1024 / 1024) * 100) / 100).toString();
      setUploadErrors((e) => ({
        ...e,
        [item.type]: t('errors.file.tooLargeSized', { size, limit: MAX_UPLOAD_BYTES / 1024 / 1024 }),
      }));
      return;
    }
    const body = new FormData();
    body.append('type', item.type);
    body.append('file', file, file.name);
    setProgress((p) => ({ ...p, [item.type]: 0 }));
    try {
      const stored = await uploadWithProgress(
        '/api/registrations/attachments',
        attachmentResponse,
        body,
        (f) => setProgress((p) => ({ ...p, [item.type]: f })),
      );
      onChange([
        ...latest.current,
        { type: item.type, documentId: stored.id, mediaType: stored.mediaType, sizeBytes: stored.sizeBytes },
      ]);
    } catch (error) {
      const message =
        error instanceof ApiError
          ? (Object.values(error.fields)[0]?.message ?? error.message)
          : t('errors.network');
      setUploadErrors((e) => ({ ...e, [item.type]: message || t('errors.internal') }));
    } finally {
      setProgress(({ [item.type]: _done, ...rest }) => rest);
    }
  };

  return (
    <fieldset className="checklist">
      <legend>{t('documents.checklist.title')}</legend>
      <p className="hint" id="checklist-rules">
        {t('documents.checklist.rules')}
      </p>
      <ul className="checklist-items">
        {items.map((item) => (
          <ChecklistItem
            key={item.type}
            item={item}
            answers={answers}
            parts={entries.filter((e) => e.type === item.type)}
            progress={progress[item.type]}
            error={
              uploadErrors[item.type] ??
              itemMessage(t, item, ((errors ?? {}) as ItemErrors)[item.type]?.message)
            }
            onFile={(file) => void upload(item, file)}
            onRemove={(documentId) =>
              onChange(latest.current.filter((entry) => entry.documentId !== documentId))
            }
          />
        ))}
      </ul>
    </fieldset>
  );
}

function ChecklistItem({
  item,
  answers,
  parts,
  progress,
  error,
  onFile,
  onRemove,
}: {
  item: DocumentDeclaration;
  answers: Answers;
  parts: ChecklistEntry[];
  progress?: number;
  error?: string;
  onFile: (file: File) => void;
  onRemove: (documentId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const provided = isProvided(item, answers);
  const covered = parts.length === 0 && provided;
  const titleId = `checklist-${item.type}-title`;
  const errorId = error ? `${fieldId(item.type)}-error` : undefined;
  const name = (entry: ChecklistEntry, index: number) =>
    attachmentFileName({
      surname: answers.surname,
      givenNames: answers.givenNames,
      type: item.type,
      part: index + 1,
      parts: parts.length,
      mediaType: entry.mediaType ?? '',
    });
  return (
    <li className={`checklist-item${error ? ' field--error' : ''}`} aria-labelledby={titleId}>
      <div className="checklist-head">
        <h3 id={titleId}>{t(item.label)}</h3>
        <p className={provided ? 'checklist-state checklist-state--done' : 'checklist-state'}>
          {provided ? `✓ ${t('documents.checklist.accepted')}` : t('documents.checklist.missing')}
        </p>
      </div>
      {covered && <p className="hint">{t('documents.checklist.coveredByPassport')}</p>}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {parts.length > 0 && (
        <ul className="checklist-parts">
          {parts.map((entry, index) => (
            <li key={entry.documentId}>
              {entry.mediaType === 'application/pdf' ? (
                <span className="checklist-pdf" aria-hidden="true">
                  PDF
                </span>
              ) : (
                <img src={`/api/documents/${entry.documentId}`} alt="" width={56} height={56} />
              )}
              <span className="checklist-name">
                {name(entry, index)}
                <span className="hint"> {sizeText(entry.sizeBytes, i18n.language)}</span>
              </span>
              <button
                type="button"
                className="button-secondary"
                aria-label={t('documents.checklist.removeLabel', { name: name(entry, index) })}
                onClick={() => onRemove(entry.documentId)}
              >
                {t('documents.checklist.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {progress !== undefined && (
        <p role="status" className="checklist-progress">
          <progress max={1} value={progress} aria-labelledby={titleId} />
          {t('documents.checklist.uploading', { percent: Math.round(progress * 100) })}
        </p>
      )}
      <button
        type="button"
        id={fieldId(item.type)}
        className="button-secondary"
        aria-describedby={[errorId, 'checklist-rules'].filter(Boolean).join(' ')}
        disabled={progress !== undefined}
        onClick={() => input.current?.click()}
      >
        {parts.length > 0 || covered ? t('documents.checklist.addPart') : t('documents.checklist.add')}
        <span className="visually-hidden"> — {t(item.label)}</span>
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".pdf,.jpg,.jpeg,.png"
        aria-label={t('documents.checklist.chooseFor', { document: t(item.label) })}
        data-checklist={item.type}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </li>
  );
}

/** The check-answers page: each item with the files attached to it, as Konok names them. */
export function ChecklistSummary({ form, values }: { form: FormDeclaration; values: Answers }) {
  const { t } = useTranslation();
  const items = requiredDocuments(form, values);
  if (items.length === 0) return null;
  const entries = entriesOf(values);
  return (
    <>
      {items.map((item) => {
        const parts = entries.filter((e) => e.type === item.type);
        return (
          <div key={item.type}>
            <dt>{t(item.label)}</dt>
            <dd>
              {parts.length === 0 ? (
                isProvided(item, values) ? (
                  t('documents.checklist.coveredByPassport')
                ) : (
                  t('documents.checklist.missing')
                )
              ) : (
                <ul className="plain-list">
                  {parts.map((entry, index) => (
                    <li key={entry.documentId}>
                      <a href={`/api/documents/${entry.documentId}`} target="_blank" rel="noreferrer">
                        {attachmentFileName({
                          surname: values.surname,
                          givenNames: values.givenNames,
                          type: item.type,
                          part: index + 1,
                          parts: parts.length,
                          mediaType: entry.mediaType ?? '',
                        })}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dd />
          </div>
        );
      })}
    </>
  );
}
