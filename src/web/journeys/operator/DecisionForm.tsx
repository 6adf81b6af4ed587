import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { REJECTION_REASONS } from '../../../shared/schemas/review';

type Choice = 'approve' | 'reject' | 'requestDocuments';
const CHOICES: Choice[] = ['approve', 'reject', 'requestDocuments'];

/**
 * An operator's action on a queue (take, decide, give back): what it did, or why not, said in the
 * queue's status line; the queue reloads either way, so it shows what is true now.
 */
export function useOperatorAction(reload: () => Promise<void>) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const act = async (path: string, schema: z.ZodType, body: unknown, done: string) => {
    setError(undefined);
    let ok = false;
    try {
      await api(path, schema, { method: 'POST', body });
      setNotice(done);
      ok = true;
    } catch (caught) {
      setError(
        caught instanceof ApiError
          ? (Object.values(caught.fields)[0]?.message ?? caught.message)
          : t('errors.network'),
      );
    }
    await reload();
    return ok;
  };
  const status = (
    <>
      <div role="status" aria-live="polite" className={notice ? 'notice' : undefined}>
        {notice}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
  return { act, status };
}

/**
 * The decision on an application the operator holds, the same for registrations and legal
 * entities: approve; reject with a reason and a note; or ask for documents with a message. Or give
 * the application back to the queue. Nothing is chosen beforehand: one click must never approve,
 * and the chosen decision says what it will do before it is sent.
 */
export function DecisionForm({
  id,
  legend,
  choiceLabel,
  consequence,
  onDecide,
  onRelease,
  reasons = REJECTION_REASONS,
}: {
  /** Unique on the page: the fields' ids start with it. */
  id: string;
  /** The reasons to reject with: a registration's come from its profile. */
  reasons?: readonly string[];
  legend: string;
  choiceLabel: (choice: Choice) => string;
  /** What the decision does, said before it is sent. */
  consequence: (choice: Choice) => string;
  onDecide: (body: { decision: Choice; reason?: string; note?: string; message?: string }) => void;
  onRelease: () => void;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Choice>();
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!choice) {
      setMissing(true);
      document.getElementById(`${id}-${CHOICES[0]}`)?.focus();
      return;
    }
    const form = new FormData(event.currentTarget);
    onDecide(
      choice === 'approve'
        ? { decision: choice }
        : choice === 'reject'
          ? {
              decision: choice,
              reason: String(form.get('reason') ?? ''),
              note: String(form.get('note') ?? ''),
            }
          : { decision: choice, message: String(form.get('message') ?? '') },
    );
  };
  return (
    <form onSubmit={submit} className="decision" noValidate>
      <fieldset
        className={missing ? 'field--error' : undefined}
        aria-describedby={missing ? `${id}-missing` : undefined}
      >
        <legend>{legend}</legend>
        {missing && (
          <p className="field-error" id={`${id}-missing`} role="alert">
            {t('operator.queue.chooseDecision')}
          </p>
        )}
        {CHOICES.map((option) => (
          <div className="radio" key={option}>
            <input
              type="radio"
              id={`${id}-${option}`}
              name="decision"
              value={option}
              checked={choice === option}
              onChange={() => {
                setChoice(option);
                setMissing(false);
              }}
            />
            <label htmlFor={`${id}-${option}`}>{choiceLabel(option)}</label>
          </div>
        ))}
      </fieldset>
      {choice === 'reject' && (
        <>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('operator.queue.reason')}</label>
            <select id={`${id}-reason`} name="reason" required>
              <option value="">{t('signup.select')}</option>
              {reasons.map((reason) => (
                <option key={reason} value={reason}>
                  {t(`operator.queue.reasons.${reason}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('operator.queue.note')}</label>
            <textarea id={`${id}-note`} name="note" maxLength={1000} rows={3} />
          </div>
        </>
      )}
      {choice === 'requestDocuments' && (
        <div className="field">
          <label htmlFor={`${id}-message`}>{t('operator.queue.message')}</label>
          <textarea id={`${id}-message`} name="message" maxLength={1000} rows={3} required />
        </div>
      )}
      <p className="notice decision-consequence" aria-live="polite">
        {choice ? consequence(choice) : t('operator.queue.noDecisionYet')}
      </p>
      <div className="button-row">
        <button type="submit">{t('operator.queue.decide')}</button>
        <button type="button" className="button-secondary" onClick={onRelease}>
          {t('operator.queue.release')}
        </button>
      </div>
    </form>
  );
}
