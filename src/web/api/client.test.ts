import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionResponse, statusCheckResponse } from '../../shared/schemas/responses';
import { api, ApiError, ApiShapeError, lazyResponse } from './client';

/** The server's answer, as fetch gives it to the page. */
function answer(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    ),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const found = {
  applicationNumber: '2026-000123',
  registrationNumber: '59930207077349',
  status: 'approved',
  validFrom: '2026-03-01',
  validUntil: '2026-03-31',
  name: 'S**** J***',
};

describe('api', () => {
  it('gives the page the answer as its schema reads it, and nothing the schema does not name', async () => {
    answer(200, { user: { role: 'host', name: 'Sample Host', passwordHash: 'x' } });
    expect(await api('/api/session', sessionResponse)).toEqual({
      user: { role: 'host', name: 'Sample Host' },
    });
  });

  it('refuses an answer of another shape, naming the path and the field', async () => {
    answer(200, { ...found, registrationNumber: 59930207077349 });
    const refused = await api('/api/public/status', statusCheckResponse).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiShapeError);
    expect((refused as ApiShapeError).problem).toMatch(/^\/api\/public\/status: registrationNumber /);
    // Nothing technical reaches the page: it shows its own words for an answer it cannot use.
    expect((refused as ApiShapeError).message).toBe('');
  });

  it('checks against a schema loaded with the call, as the home page does', async () => {
    answer(200, found);
    expect(await api('/api/public/status', lazyResponse('statusCheckResponse'))).toEqual(found);
    answer(200, { ...found, name: undefined });
    await expect(api('/api/public/status', lazyResponse('statusCheckResponse'))).rejects.toBeInstanceOf(
      ApiShapeError,
    );
  });

  it('keeps the server’s error, with its message beside each field, whichever way the schema comes', async () => {
    const refusal = {
      error: { code: 'validation', message: 'Check the fields' },
      fields: {
        passportNumber: { key: 'errors.passportNumber.format', message: 'Enter the number without spaces' },
      },
    };
    for (const schema of [statusCheckResponse, lazyResponse('statusCheckResponse')]) {
      answer(400, refusal);
      const error = (await api('/api/public/status', schema).catch((e: unknown) => e)) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(error).not.toBeInstanceOf(ApiShapeError);
      expect([error.status, error.code, error.message]).toEqual([400, 'validation', 'Check the fields']);
      expect(error.fields.passportNumber?.message).toBe('Enter the number without spaces');
    }
  });

  it('says «network» when the schema cannot be loaded, as when the answer cannot', async () => {
    answer(200, found);
    const error = (await api('/api/public/status', () => Promise.reject(new TypeError('chunk failed'))).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code]).toEqual([0, 'network']);
  });
});
