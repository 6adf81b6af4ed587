import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDates } from '../../components/dates';
import type { DraftSummary } from './use-drafts';

/** The host's drafts, each to resume or delete (delete is named by the draft for screen readers). */
export function DraftsList({ drafts, onDelete }: { drafts: DraftSummary[]; onDelete: (id: number) => void }) {
  const { t } = useTranslation();
  const dates = useDates();
  if (drafts.length === 0) return null;
  return (
    <section aria-labelledby="drafts-title" className="drafts">
      <h3 id="drafts-title">{t('registration.drafts.title')}</h3>
      <ul>
        {drafts.map((draft) => {
          const name = draft.name || t('registration.drafts.unnamed');
          return (
            <li key={draft.id}>
              <Link to={`/cabinet/register?draft=${draft.id}`}>
                {t('registration.drafts.resume', { name })}
              </Link>{' '}
              <span className="hint">
                ({t('registration.drafts.saved', { date: dates.dateTime(draft.updatedAt) })})
              </span>{' '}
              <button
                type="button"
                className="button-secondary button-small"
                onClick={() => onDelete(draft.id)}
              >
                {t('registration.drafts.delete')}
                <span className="visually-hidden"> {t('registration.drafts.deleteNamed', { name })}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Inside a draft: the way back to a new, empty registration. */
export function NewRegistrationLink({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/cabinet/register" onClick={onClick}>
        {t('registration.drafts.new')}
      </Link>
    </p>
  );
}

/** Beside «Проверка данных»: whether what is typed is saved, and when. */
export function AutosaveStatus({ save }: { save: { state: string; at?: Date } }) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <span role="status" aria-live="polite" className="hint">
      {save.state === 'saving'
        ? t('registration.autosave.saving')
        : save.state === 'saved' && save.at
          ? t('registration.autosave.saved', { time: dates.time(save.at) })
          : save.state === 'failed'
            ? t('registration.autosave.failed')
            : ''}
    </span>
  );
}
