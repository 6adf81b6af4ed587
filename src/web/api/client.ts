/** A typed fetch for Konok's JSON API: CSRF header on every change, errors as ApiError. */

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

function csrfToken(): string {
  return /(?:^|; )konok_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
}

let csrfReady: Promise<unknown> | undefined;
/** The first GET gives the browser its CSRF cookie. */
function ensureCsrf() {
  if (csrfToken()) return Promise.resolve();
  csrfReady ??= fetch('/api/session', { credentials: 'same-origin' });
  return csrfReady;
}

export async function api<T>(
  path: string,
  options: { method?: string; body?: unknown; form?: FormData } = {},
): Promise<T> {
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
  return data as T;
}
