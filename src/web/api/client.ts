import type { z } from 'zod';
import type * as responses from '../../shared/schemas/responses';

/**
 * Konok's JSON API from the browser: CSRF header on every change, errors as ApiError, and every
 * answer checked against the shared response schema the server serializes through — so a field
 * renamed on one side is caught at build time, and a shape that drifts is caught at run time.
 */

export interface FieldError {
  key: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly fields: Record<string, FieldError> = {},
    public readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function csrfToken(): string {
  return /(?:^|; )konok_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
}

let csrfReady: Promise<unknown> | undefined;
/** The first GET gives the browser its CSRF cookie. */
export function ensureCsrf() {
  if (csrfToken()) return Promise.resolve();
  csrfReady ??= fetch('/api/session', { credentials: 'same-origin' });
  return csrfReady;
}

/** The answer did not have the shape its schema promises: a defect of Konok, not of the user. */
export class ApiShapeError extends ApiError {
  /** What did not match, for the console and the tests; the user is shown the page's own words. */
  readonly problem: string;
  constructor(path: string, issues: z.core.$ZodIssue[]) {
    // No message: pages that print an error's message fall back to their "try again" text.
    super(200, 'shape', '');
    this.problem = `${path}: ${issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`;
    console.error(`The answer of ${this.problem}`);
  }
}

export interface ApiOptions {
  method?: string;
  body?: unknown;
  form?: FormData;
}

type ResponseSchemas = typeof responses;
type ResponseName = {
  [K in keyof ResponseSchemas]: ResponseSchemas[K] extends z.ZodType ? K : never;
}[keyof ResponseSchemas];

/**
 * A response schema loaded when the call is made, for what the home page does on its first load
 * (the session, the profile, logging in, the status check): zod and the schemas stay out of that
 * load, which must stay small on a slow mobile connection, and arrive while the answer is on its way.
 */
export function lazyResponse<K extends ResponseName>(name: K): () => Promise<ResponseSchemas[K]> {
  return async () => (await import('../../shared/schemas/responses'))[name];
}

export async function api<S extends z.ZodType>(
  path: string,
  schema: S | (() => Promise<S>),
  options: ApiOptions = {},
): Promise<z.infer<S>> {
  const [data, checker] = await Promise.all([request(path, options), loadSchema(schema)]);
  const parsed = checker.safeParse(data);
  // The server serializes through the same schema, so a mismatch is a deployment out of step
  // (an old page against a new server): say so rather than render half a page.
  if (!parsed.success) throw new ApiShapeError(path, parsed.error.issues);
  return parsed.data;
}

async function loadSchema<S extends z.ZodType>(schema: S | (() => Promise<S>)): Promise<S> {
  if (typeof schema !== 'function') return schema;
  try {
    return await schema();
  } catch {
    // The schemas' chunk did not arrive: to the page, the same as an answer that did not.
    throw new ApiError(0, 'network', '');
  }
}

async function request(path: string, options: ApiOptions): Promise<unknown> {
  const method = options.method ?? (options.body !== undefined || options.form ? 'POST' : 'GET');
  if (method !== 'GET') await ensureCsrf();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(method !== 'GET' ? { 'x-csrf-token': csrfToken() } : {}),
      },
      body: options.form ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    // Errors come as { error: {...} }; a 409 that asks for more comes as { code, ... } itself.
    const error = (data.error ?? data) as { code?: string; message?: string } & Record<string, unknown>;
    throw new ApiError(
      response.status,
      String(error.code ?? 'error'),
      error.message ?? '',
      (data.fields ?? {}) as Record<string, FieldError>,
      error,
    );
  }
  return data;
}
