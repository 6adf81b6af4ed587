import type { z } from 'zod';

export interface AppErrorOptions {
  status: number;
  /** For programs: stable, snake_case. */
  code: string;
  /** For people: an i18n key. */
  messageKey: string;
  /** Field path → message key, shown beside each field. */
  fields?: Record<string, string>;
  details?: Record<string, unknown>;
  /** Field path → the values its message quotes; `{ t: key }` is a text translated for the reader. */
  fieldParams?: Record<string, Record<string, unknown>>;
}

/** A failure the user can act on: its status, a code for programs, a message key for people. */
export class AppError extends Error {
  public readonly status: number;
  public readonly code: string;
  public readonly messageKey: string;
  /** Field path → message key, shown beside each field. */
  public readonly fields: Record<string, string>;
  public readonly details: Record<string, unknown>;
  public readonly fieldParams: Record<string, Record<string, unknown>>;

  constructor({ status, code, messageKey, fields = {}, details = {}, fieldParams = {} }: AppErrorOptions) {
    super(code);
    this.status = status;
    this.code = code;
    this.messageKey = messageKey;
    this.fields = fields;
    this.details = details;
    this.fieldParams = fieldParams;
  }
}

export const badRequest = (
  fields: Record<string, string>,
  messageKey = 'errors.summary',
  fieldParams?: Record<string, Record<string, unknown>>,
) => new AppError({ status: 400, code: 'validation', messageKey, fields, fieldParams });
export const notFound = (messageKey = 'errors.notFound') =>
  new AppError({ status: 404, code: 'not_found', messageKey });
export const unauthorized = (messageKey = 'errors.unauthorized') =>
  new AppError({ status: 401, code: 'unauthorized', messageKey });
export const forbidden = (messageKey = 'errors.forbidden') =>
  new AppError({ status: 403, code: 'forbidden', messageKey });

/** A zod error as field path → message key, the first message for each field ('_' for the whole). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}

/** The values the messages of a zod error quote, by field path (a custom issue's `params`). */
export function fieldErrorParams(error: z.ZodError): Record<string, Record<string, unknown>> {
  const params: Record<string, Record<string, unknown>> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    if (issue.code === 'custom' && issue.params && !params[path]) params[path] = issue.params;
  }
  return params;
}
