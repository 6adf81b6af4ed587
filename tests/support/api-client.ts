import { passportScan, photo } from './factories';

/** An answer's body as JSON.parse gives it: tests read it by path. */
export type Json = ReturnType<typeof JSON.parse>;

/** A hotel system's HTTP client for /api/v1: its key in the Authorization header, nothing else. */
export class ApiClient {
  constructor(
    private readonly base: string,
    public secret: string,
    public language = 'en',
  ) {}

  async call(
    method: 'GET' | 'POST',
    path: string,
    options: {
      json?: unknown;
      body?: string | Buffer;
      contentType?: string;
      headers?: Record<string, string>;
    } = {},
  ) {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.secret}`,
      'accept-language': this.language,
      ...options.headers,
    };
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (options.contentType) headers['content-type'] = options.contentType;
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body:
        options.json !== undefined
          ? JSON.stringify(options.json)
          : typeof options.body === 'string' || options.body === undefined
            ? options.body
            : new Uint8Array(options.body),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json: json as Json };
  }

  get = (path: string) => this.call('GET', path);
  post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
    this.call('POST', path, { json, headers });

  /** The guest's passport page and photo, uploaded as base64. */
  async documents() {
    const upload = async (kind: 'passport' | 'photo') => {
      const file = kind === 'passport' ? passportScan() : photo();
      const response = await this.post('/api/v1/documents', {
        kind,
        contentBase64: file.body.toString('base64'),
      });
      if (response.status !== 201) throw new Error(`upload failed: ${response.text}`);
      return response.json.id as number;
    };
    return { passportDocumentId: await upload('passport'), photoDocumentId: await upload('photo') };
  }
}
