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
