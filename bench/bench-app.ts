import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { createDb, migrateToLatest } from '../src/server/db/database';
import { startEmbeddedPostgres } from '../src/server/db/embedded-postgres';
import { deriveSecrets } from '../src/server/security/secrets';

/**
 * A Konok for one benchmark run: its own embedded PostgreSQL in a temporary directory, migrated,
 * no background workers, rate limits multiplied out of the way; `close` removes all of it.
 */
export async function startBenchApp(name: string, rateLimitFactor: number) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `konok-bench-${name}-`));
  const embedded = await startEmbeddedPostgres({ dir: path.join(root, 'pg'), password: 'bench-only' });
  const db = createDb(embedded.url(), 10);
  await migrateToLatest(db);
  const config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: path.join(root, 'data') }),
    demoMode: false,
  };
  const secrets = deriveSecrets(crypto.randomBytes(32).toString('hex'));
  const app = await buildApp({ config, db, secrets, startWorkers: false, rateLimitFactor });
  return {
    app,
    db,
    secrets,
    close: async () => {
      await app.close();
      await db.destroy();
      await embedded.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
