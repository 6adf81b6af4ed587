import { z } from 'zod';
import { CONTROL_CHARACTER } from './fields.js';

/** The longest message in «Сообщения»: a few paragraphs, never a document pasted in. */
export const MESSAGE_MAX_LENGTH = 2000;

/** The words of a message: trimmed, bounded, with no control character (PostgreSQL refuses NUL). */
export const messageText = z
  .string({ error: 'errors.messages.text' })
  .refine((text) => !CONTROL_CHARACTER.test(text), 'errors.text.control')
  .transform((text) => text.trim())
  .pipe(z.string().max(MESSAGE_MAX_LENGTH, 'errors.messages.tooLong'));

/**
 * The host's answer to a request for documents, as its form fields arrive (the files come beside
 * them): the text may be empty when files are sent, and files may be none when the text says it all.
 */
export const hostAnswerSchema = z.object({ text: messageText.optional() });

/** One message of the thread, as both the host and the operator see it. */
export const threadMessage = z.object({
  id: z.number(),
  author: z.enum(['operator', 'host']),
  text: z.string().nullable(),
  createdAt: z.string(),
  /** The files that came with it (a host's answer). */
  documents: z.array(z.number()),
});

export const messageThreadResponse = z.object({
  items: z.array(threadMessage),
  /** The last day to answer the open request for documents; null when none is open. */
  answerDue: z.string().nullable(),
  /** The open request's day has passed. */
  overdue: z.boolean(),
  /** The host may answer now (the application waits for documents). */
  canAnswer: z.boolean(),
});
