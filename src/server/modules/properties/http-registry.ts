import { RegistryRecordSchema, RegistryUnavailableError, type PropertyRegistry } from './registry.js';

export interface HttpRegistryOptions {
  /** GET {baseUrl}/properties/{code} → 200 record, 404 none. */
  baseUrl: string;
  token?: string;
  timeoutMs?: number;
  /** Extra tries after the first, with back-off. */
  retries?: number;
  backoffMs?: number;
  /** Consecutive failed lookups that open the circuit, and how long it stays open. */
  failureThreshold?: number;
  openMs?: number;
  now?: () => number;
}

/**
 * A real registry over HTTP: a time limit per request, retries with back-off on errors and
 * 5xx, and a circuit breaker so that a registry that is down is not hammered (and users get
 * the "try again later" answer at once).
 */
export function httpRegistry(
  options: HttpRegistryOptions,
): PropertyRegistry & { state: () => 'closed' | 'open' } {
  const timeoutMs = options.timeoutMs ?? 3000;
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 200;
  const threshold = options.failureThreshold ?? 5;
  const openMs = options.openMs ?? 30_000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openUntil = 0;

  const attempt = async (code: string) => {
    const response = await fetch(
      `${options.baseUrl.replace(/\/$/, '')}/properties/${encodeURIComponent(code)}`,
      {
        headers: {
          accept: 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        signal: AbortSignal.timeout(timeoutMs),
      },
    );
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`registry answered ${response.status}`);
    const parsed = RegistryRecordSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success || parsed.data.code !== code)
      throw new Error('registry answered something that is not a property');
    return parsed.data;
  };

  return {
    state: () => (now() < openUntil ? 'open' : 'closed'),
    async lookup(code) {
      if (now() < openUntil) throw new RegistryUnavailableError('circuit open');
      let lastError: unknown;
      for (let i = 0; i <= retries; i++) {
        try {
          const record = await attempt(code);
          failures = 0;
          return record;
        } catch (error) {
          lastError = error;
          if (i < retries) await new Promise((r) => setTimeout(r, backoffMs * 2 ** i));
        }
      }
      failures += 1;
      if (failures >= threshold) openUntil = now() + openMs;
      throw new RegistryUnavailableError(
        lastError instanceof Error ? lastError.message : 'registry unavailable',
      );
    },
  };
}
