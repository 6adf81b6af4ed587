import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/server/db/embedded-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

/** One throwaway PostgreSQL cluster for the whole run; each test file makes its own database in it. */
export default async function setup(project: TestProject) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'konok-test-'));
  const log: string[] = [];
  const db = await startEmbeddedPostgres({
    dir: path.join(root, 'pg'),
    password: 'test-only-password',
    onLog: (l) => log.push(l),
  }).catch((error: unknown) => {
    console.error(log.join('\n'));
    throw error;
  });
  project.provide('adminDatabaseUrl', db.url());
  return async () => {
    await db.stop();
    fs.rmSync(root, { recursive: true, force: true });
  };
}
