import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { FilePicker } from '../../components/FilePicker';
import { fileProblem, useErrorText } from '../../components/forms';
import { AnswerDue, MessageList, type Thread } from '../../components/MessageList';
import { MESSAGE_MAX_LENGTH, messageThreadResponse } from '../../../shared/schemas/messages';
import { applicationStatusResponse } from '../../../shared/schemas/responses';
import { UPLOAD_MEDIA_TYPES } from '../../../shared/schemas/uploads';

const MAX_FILES = 5;

/**
 * «Сообщения» of one application in the host's archive and on its page: what the operator asked, by when, and the
 * host's answer — words, files, or both. While it is sent the form says so; on a refusal each
 * field says what is wrong and keeps what was typed and chosen.
 */
export function AnswerRequest({
  id,
  applicationNumber,
  onAnswered,
  children,
}: {
  id: number;
  applicationNumber: string;
  onAnswered: (notice: string) => Promise<void>;
  /** What closes the thread once there is nothing to answer: the operator's decision. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [thread, setThread] = useState<Thread>();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ text?: string; files?: string; general?: string }>({});
  const [sending, setSending] = useState(false);
  const prefix = `answer-${id}`;

  const load = useCallback(
    () => api(`/api/registrations/${id}/messages`, messageThreadResponse).then(setThread),
    [id],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const send = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem('files') as HTMLInputElement | null;
    const chosen = [...(input?.files ?? [])];
    const local = {
      text: text.length > MESSAGE_MAX_LENGTH ? 'errors.messages.tooLong' : undefined,
      files:
        chosen.length > MAX_FILES
          ? 'errors.messages.tooManyFiles'
          : chosen.map((file) => fileProblem(file, UPLOAD_MEDIA_TYPES)).find(Boolean),
    };
    if (!text.trim() && chosen.length === 0) local.text = local.files = 'errors.messages.empty';
    if (local.text || local.files) {
      setErrors(local);
      document.getElementById(`${prefix}-${local.text ? 'text' : 'files'}`)?.focus();
      return;
    }
    const form = new FormData();
    form.append('text', text);
    chosen.forEach((file, i) => form.append(`file${i + 1}`, file, file.name));
    setErrors({});
    setSending(true);
    try {
      await api(`/api/registrations/${id}/resubmit`, applicationStatusResponse, { form });
      setText('');
      await onAnswered(t('thread.sent', { number: applicationNumber }));
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0)
        setErrors({ text: error.fields.text?.message, files: error.fields.files?.message });
      else setErrors({ general: error instanceof ApiError ? error.message : t('errors.network') });
    } finally {
      setSending(false);
    }
  };

  if (!thread) return <p role="status">{t('app.loading')}</p>;
  const described = (field: 'text' | 'files') =>
    [`${prefix}-${field}-hint`, errors[field] ? `${prefix}-${field}-error` : ''].filter(Boolean).join(' ');
  return (
    <section className="messages-thread" aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>
        {t('thread.title')}
        <span className="visually-hidden"> {t('thread.show', { number: applicationNumber })}</span>
      </h3>
      <MessageList thread={thread} />
      {children}
      <AnswerDue thread={thread} />
      {thread.canAnswer && (
        <form className="answer-form" onSubmit={(event) => void send(event)} noValidate aria-busy={sending}>
          {errors.general && (
            <p className="field-error" role="alert">
              {t('thread.problem')}: {errors.general}
            </p>
          )}
          <div className={`field${errors.text ? ' field--error' : ''}`}>
            <label htmlFor={`${prefix}-text`}>{t('thread.answer')}</label>
            <p className="hint" id={`${prefix}-text-hint`}>
              {t('thread.answerHint')}
            </p>
            {errors.text && (
              <p className="field-error" id={`${prefix}-text-error`} role="alert">
                {errorText(errors.text)}
              </p>
            )}
            <textarea
              id={`${prefix}-text`}
              name="text"
              rows={4}
              maxLength={MESSAGE_MAX_LENGTH}
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                // «Write or attach» is answered as soon as something is written.
                if (errors.text === 'errors.messages.empty') setErrors({});
              }}
              aria-invalid={Boolean(errors.text)}
              aria-describedby={described('text')}
            />
          </div>
          <div className={`field${errors.files ? ' field--error' : ''}`}>
            <label htmlFor={`${prefix}-files`}>{t('thread.files')}</label>
            <p className="hint" id={`${prefix}-files-hint`}>
              {t('thread.filesHint')}
            </p>
            {errors.files && (
              <p className="field-error" id={`${prefix}-files-error`} role="alert">
                {errorText(errors.files)}
              </p>
            )}
            <FilePicker
              id={`${prefix}-files`}
              name="files"
              multiple
              accept={UPLOAD_MEDIA_TYPES.join(',')}
              aria-invalid={Boolean(errors.files)}
              aria-describedby={described('files')}
            />
          </div>
          <button type="submit" disabled={sending}>
            {t('thread.send')}
          </button>
          <p role="status" aria-live="polite" className="hint">
            {sending ? t('thread.sending') : ''}
          </p>
        </form>
      )}
    </section>
  );
}
