import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { useErrorText } from '../../components/forms';
import { attachmentRejectedResponse, type checklistFile } from '../../../shared/schemas/responses';

type ChecklistFile = z.infer<typeof checklistFile>;

/**
 * The application's checklist files, each by its item and as Konok named it, an image shown and a
 * PDF opened beside the data; the operator may mark one not accepted with the reason the host reads.
 */
export function AttachmentsReview({
  registrationId,
  attachments,
}: {
  registrationId: number;
  attachments: ChecklistFile[];
}) {
  const { t } = useTranslation();
  const [files, setFiles] = useState(attachments);
  if (files.length === 0) return null;
  return (
    <section className="attachment-review" aria-labelledby="attachment-review-title">
      <h4 id="attachment-review-title">{t('documents.review.title')}</h4>
      <ul className="plain-list">
        {files.map((file) => (
          <AttachmentRow
            key={file.id}
            registrationId={registrationId}
            file={file}
            onRejected={(reason) =>
              setFiles((list) => list.map((f) => (f.id === file.id ? { ...f, rejectedReason: reason } : f)))
            }
          />
        ))}
      </ul>
    </section>
  );
}

function AttachmentRow({
  registrationId,
  file,
  onRejected,
}: {
  registrationId: number;
  file: ChecklistFile;
  onRejected: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const text = useErrorText();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const src = `/api/documents/${file.id}`;
  const fieldId = `reject-reason-${file.id}`;
  const label = file.label ? t(file.label) : file.type;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const saved = await api(
        `/api/operator/applications/${registrationId}/attachments/${file.id}/reject`,
        attachmentRejectedResponse,
        { body: { reason } },
      );
      onRejected(saved.rejectedReason);
      setOpen(false);
    } catch (failure) {
      setError(
        failure instanceof ApiError
          ? (failure.fields.reason?.message ?? (failure.message || 'errors.internal'))
          : 'errors.network',
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <li>
      <strong>{label}</strong>
      <div>
        <a href={src} download={file.fileName} target="_blank" rel="noreferrer">
          {file.fileName}
        </a>
      </div>
      {file.mediaType !== 'application/pdf' && <img src={src} alt={label} width={320} />}
      {file.rejectedReason ? (
        <p className="notice notice--warning">
          {t('documents.review.rejected', { reason: file.rejectedReason })}
        </p>
      ) : open ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <div className={`field${error ? ' field--error' : ''}`}>
            <label htmlFor={fieldId}>{t('documents.review.reason')}</label>
            {error && (
              <p className="field-error" id={`${fieldId}-error`}>
                {text(error)}
              </p>
            )}
            <textarea
              id={fieldId}
              rows={2}
              maxLength={500}
              value={reason}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? `${fieldId}-error` : undefined}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          <div className="button-row">
            <button type="submit" disabled={saving}>
              {t('documents.review.save')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
              {t('documents.review.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
          {t('documents.review.reject')}
          <span className="visually-hidden"> — {file.fileName}</span>
        </button>
      )}
    </li>
  );
}
