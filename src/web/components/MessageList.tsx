import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { useDates } from './dates';
import type { messageThreadResponse } from '../../shared/schemas/messages';

export type Thread = z.infer<typeof messageThreadResponse>;

/**
 * «Сообщения» of one application, oldest first: who wrote, when, the words as written (line breaks
 * kept) and the files that came with them. The same for the host and the operator.
 */
export function MessageList({ thread }: { thread: Thread }) {
  const { t } = useTranslation();
  const dates = useDates();
  if (thread.items.length === 0) return <p>{t('thread.none')}</p>;
  return (
    <ol className="message-list">
      {thread.items.map((message) => (
        <li key={message.id} className={`message message--${message.author}`}>
          <p className="message-meta">
            <strong>{t(`thread.${message.author}`)}</strong>{' '}
            <time dateTime={message.createdAt}>{dates.dateTime(message.createdAt)}</time>
          </p>
          {message.text && <p className="message-text">{message.text}</p>}
          {message.documents.length > 0 && (
            <ul className="message-files">
              {message.documents.map((document, i) => (
                <li key={document}>
                  <a href={`/api/documents/${document}`} target="_blank" rel="noreferrer">
                    {t('thread.file', { n: i + 1 })}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The day to answer by, or that it has passed: said beside the thread while documents are awaited. */
export function AnswerDue({ thread }: { thread: Thread }) {
  const { t } = useTranslation();
  const dates = useDates();
  if (!thread.answerDue) return null;
  return thread.overdue ? (
    <p className="notice notice--warning">{t('thread.overdue', { date: dates.date(thread.answerDue) })}</p>
  ) : (
    <p>
      <strong>{t('thread.answerBy', { date: dates.date(thread.answerDue) })}</strong>
    </p>
  );
}
