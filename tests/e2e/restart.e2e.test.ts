import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  exited,
  httpClient,
  killAllKonoks,
  SIGNUP_PASSWORD,
  signUp,
  startKonok as startKonok_,
} from '../support/konok-process';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'konok-restart-'));
const startKonok = () => startKonok_({ DATA_DIR: dataDir });

const loginStatus = async (base: string, email: string) => {
  const client = httpClient(base);
  await client.get('/api/session');
  return (await client.post('/api/login', { email, password: SIGNUP_PASSWORD })).status;
};

afterAll(async () => {
  await killAllKonoks();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start on the embedded database', () => {
  it('keeps an acknowledged signup through kill -9, refuses a second instance, and stops cleanly', async () => {
    const first = await startKonok();
    expect(first.output()).toContain('Demo logins:');
    expect((await signUp(first.url, 'before-crash@example.kg')).status).toBe(201);

    // kill -9 of Konok alone: its PostgreSQL is orphaned and still holds the data directory.
    process.kill(first.child.pid!, 'SIGKILL');
    await exited(first.child);

    const second = await startKonok();
    expect(await loginStatus(second.url, 'before-crash@example.kg')).toBe(409); // the account is there, waiting for activation
    expect((await signUp(second.url, 'after-restart@example.kg')).status).toBe(201);

    // A second Konok on the same DATA_DIR says why it cannot start.
    const refused = await startKonok().catch((error: { code: number; output: string }) => error);
    expect((refused as { code: number }).code).toBe(1);
    expect((refused as { output: string }).output).toMatch(
      /Another Konok \(process \d+\) is already running/,
    );

    // kill -9 of the whole process group: PostgreSQL itself crashes and recovers from its WAL.
    process.kill(-second.child.pid!, 'SIGKILL');
    await exited(second.child);
    await new Promise((r) => setTimeout(r, 300));

    const third = await startKonok();
    expect(await loginStatus(third.url, 'before-crash@example.kg')).toBe(409);
    expect(await loginStatus(third.url, 'after-restart@example.kg')).toBe(409);
    expect(await loginStatus(third.url, 'host@konok.example')).toBe(401); // demo host is there, wrong password for it

    process.kill(third.child.pid!, 'SIGTERM');
    expect(await exited(third.child)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
