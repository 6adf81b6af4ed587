import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpRegistry } from './http-registry';
import { RegistryUnavailableError } from './registry';

type Behaviour = 'ok' | 'missing' | 'error' | 'slow' | 'garbage' | 'flaky';
let behaviour: Behaviour = 'ok';
let calls = 0;
const record = {
  code: '1-02-07-0017-0056-012',
  address: {
    region: 'г. Бишкек',
    district: 'Свердловский район',
    locality: 'Бишкек',
    street: 'пр. Манаса',
    house: '40',
    building: null,
    flat: '12',
    postalCode: '720017',
  },
  areaM2: 64,
  rooms: 3,
};

/** A registry that misbehaves on demand. */
const server = http.createServer((req, res) => {
  calls += 1;
  const send = (status: number, body: string) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  if (behaviour === 'ok') return send(200, JSON.stringify(record));
  if (behaviour === 'missing') return send(404, '{}');
  if (behaviour === 'error') return send(500, '{"error":"boom"}');
  if (behaviour === 'garbage') return send(200, '<html>maintenance</html>');
  if (behaviour === 'flaky') return calls % 2 === 1 ? send(502, '') : send(200, JSON.stringify(record));
  setTimeout(() => send(200, JSON.stringify(record)), 1000); // slow
});
let baseUrl: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  calls = 0;
});

const registry = (extra: Partial<Parameters<typeof httpRegistry>[0]> = {}) =>
  httpRegistry({
    baseUrl,
    timeoutMs: 200,
    retries: 2,
    backoffMs: 10,
    failureThreshold: 2,
    openMs: 60_000,
    ...extra,
  });

describe('HTTP property registry adapter', () => {
  it('returns the record, or undefined when the registry says there is none', async () => {
    behaviour = 'ok';
    expect(await registry().lookup(record.code)).toEqual(record);
    behaviour = 'missing';
    expect(await registry().lookup(record.code)).toBeUndefined();
    expect(calls).toBe(2); // a 404 is an answer, not a failure: no retry
  });

  it('retries a flaky registry with back-off and succeeds', async () => {
    behaviour = 'flaky';
    expect(await registry().lookup(record.code)).toEqual(record);
    expect(calls).toBe(2);
  });

  it('gives up on 500s, timeouts and garbage with "unavailable" after the retries', async () => {
    for (const bad of ['error', 'slow', 'garbage'] as const) {
      behaviour = bad;
      calls = 0;
      await expect(registry({ failureThreshold: 99 }).lookup(record.code)).rejects.toBeInstanceOf(
        RegistryUnavailableError,
      );
      expect(calls).toBe(3);
    }
  });

  it('opens the circuit after repeated failures and answers at once without calling', async () => {
    behaviour = 'error';
    const breaker = registry();
    await expect(breaker.lookup(record.code)).rejects.toBeInstanceOf(RegistryUnavailableError);
    await expect(breaker.lookup(record.code)).rejects.toBeInstanceOf(RegistryUnavailableError);
    expect(breaker.state()).toBe('open');
    calls = 0;
    behaviour = 'ok';
    await expect(breaker.lookup(record.code)).rejects.toBeInstanceOf(RegistryUnavailableError);
    expect(calls).toBe(0);
  });

  it('closes again after the open period', async () => {
    behaviour = 'error';
    let clock = 0;
    const breaker = registry({ now: () => clock, openMs: 1000 });
    await expect(breaker.lookup(record.code)).rejects.toThrow();
    await expect(breaker.lookup(record.code)).rejects.toThrow();
    expect(breaker.state()).toBe('open');
    clock = 1001;
    behaviour = 'ok';
    expect(await breaker.lookup(record.code)).toEqual(record);
    expect(breaker.state()).toBe('closed');
  });
});
