import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { AnswerDue, MessageList, type Thread } from '../../components/MessageList';
import { messageThreadResponse } from '../../../shared/schemas/messages';

/** «Сообщения» of an application as the operator reads it before deciding: every request and answer. */
export function MessagesThread({ id }: { id: number }) {
  const { t } = useTranslation();
  const [thread, setThread] = useState<Thread>();
  useEffect(() => {
    void api(`/api/operator/applications/${id}/messages`, messageThreadResponse).then(setThread);
  }, [id]);
  if (!thread || thread.items.length === 0) return null;
  return (
    <section className="messages-thread" aria-labelledby={`thread-${id}`}>
      <h4 id={`thread-${id}`}>{t('thread.title')}</h4>
      <AnswerDue thread={thread} />
      <MessageList thread={thread} />
    </section>
  );
}
