import type { z } from 'zod';

/** A failure the user can act on: its status, a code for programs, a message key for people. */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly messageKey: string,
    /** Field path → message key, shown beside each field. */
    public readonly fields: Record<string, string> = {},
    public readonly details: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export const badRequest = (fields: Record<string, string>, messageKey = 'errors.summary') =>
  new AppError(400, 'validation', messageKey, fields);
export const notFound = (messageKey = 'errors.notFound') => new AppError(404, 'not_found', messageKey);
export const unauthorized = (messageKey = 'errors.unauthorized') =>
  new AppError(401, 'unauthorized', messageKey);
export const forbidden = (messageKey = 'errors.forbidden') => new AppError(403, 'forbidden', messageKey);

/** A zod error as field path → message key, the first message for each field ('_' for the whole). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}
