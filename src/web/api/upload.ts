import type { z } from 'zod';
import { ApiError, csrfToken, ensureCsrf, type FieldError } from './client';

/**
 * A multipart POST that reports how much of the file has gone (fetch cannot tell upload progress),
 * with the same CSRF header, errors and answer check as `api`.
 */
export async function uploadWithProgress<S extends z.ZodType>(
  path: string,
  schema: S,
  form: FormData,
  onProgress: (fraction: number) => void,
): Promise<z.infer<S>> {
  await ensureCsrf();
  const { status, data } = await new Promise<{ status: number; data: Record<string, unknown> }>(
    (resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('x-csrf-token', csrfToken());
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(xhr.responseText) as Record<string, unknown>;
        } catch {
          // An answer that is not JSON (a proxy's error page) is reported by its status alone.
        }
        resolve({ status: xhr.status, data: body });
      };
      xhr.onerror = () => reject(new ApiError(0, 'network', ''));
      xhr.send(form);
    },
  );
  if (status < 200 || status >= 300) {
    const error = (data.error ?? {}) as { code?: string; message?: string } & Record<string, unknown>;
    throw new ApiError(
      status,
      String(error.code ?? 'error'),
      error.message ?? '',
      (data.fields ?? {}) as Record<string, FieldError>,
      error,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError(200, 'shape', '');
  return parsed.data;
}
