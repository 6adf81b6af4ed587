import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createDb, migrateToLatest } from './db/database.js';
import {
  demoOperatorTotpSecret,
  disableDemoAccounts,
  payDemoApplication,
  seedDemoData,
} from './demo/demo-data.js';
import { DEMO } from './demo/demo-logins.js';
import { seedDemoEntity } from './demo/demo-entity.js';
import { DEMO_ENTITY } from './demo/demo-logins.js';
import {
  EmbeddedDatabaseError,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from './db/embedded-postgres.js';
import { sampleRegistryCodes } from './modules/properties/embedded-registry.js';
import { deriveSecrets, loadMasterKey } from './security/secrets.js';

async function main() {
  const config = loadConfig();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secrets = deriveSecrets(loadMasterKey(config.dataDir, config.secretKey));

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const pgLog: string[] = [];
    embedded = await startEmbeddedPostgres({
      dir: path.join(config.dataDir, 'pg'),
      password: secrets.embeddedDbPassword,
      onLog: (line) => pgLog.push(line),
    }).catch((error: unknown) => {
      if (pgLog.length) console.error(pgLog.slice(-20).join('\n'));
      throw error;
    });
    databaseUrl = embedded.url();
  }
  const db = createDb(databaseUrl);
  await migrateToLatest(db);
  const app = await buildApp({ config, db, secrets });
  if (config.demoMode) await seedDemoData(app.ctx);
  const disabledDemoAccounts = config.demoMode ? 0 : await disableDemoAccounts(app.ctx);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    await app.close();
    await db.destroy();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `Konok cannot start: port ${config.port} is in use. Stop what uses it, or set PORT to another port.`,
      );
      await db.destroy();
      await embedded?.stop();
      process.exit(1);
    }
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  const lines = [
    '',
    `Konok is running: ${url}`,
    `  API docs:     ${url}/api/docs`,
    config.demoMode
      ? `  Demo mode:    on (demo logins below; every message "sent" is at ${url}/dev/mailbox)`
      : `  Demo mode:    off (no demo accounts, no dev mailbox${disabledDemoAccounts ? `; ${disabledDemoAccounts} demo account(s) left by an earlier start disabled` : ''})`,
    `  Database:     ${embedded ? `embedded PostgreSQL in ${path.join(config.dataDir, 'pg')}` : 'DATABASE_URL'}`,
  ];
  if (config.demoMode) {
    await payDemoApplication(app.ctx).catch((error: Error) =>
      app.log.warn({ err: error.message }, 'the demo payment did not go through'),
    );
    await seedDemoEntity(app.ctx).catch((error: Error) =>
      app.log.warn({ err: error.message }, 'the demo hotel was not added'),
    );
    lines.push(
      '  Demo logins:',
      `    host      ${DEMO.host.email} / ${DEMO.host.password} (PIN ${DEMO.host.pin})`,
      `    operator  ${DEMO.operator.email} / ${DEMO.operator.password}`,
      `              and a code from an authenticator app with the key ${demoOperatorTotpSecret(app.ctx.secrets)}`,
      `              (or run \`npm run operator-code\` for the current code)`,
      `    hotel     ${DEMO_ENTITY.admin.email} / ${DEMO_ENTITY.admin.password} (PIN ${DEMO_ENTITY.admin.pin}), a legal entity's administrator`,
      `    reception ${DEMO_ENTITY.receptionist.email} / ${DEMO_ENTITY.receptionist.password} (PIN ${DEMO_ENTITY.receptionist.pin}), its receptionist`,
    );
    if (!config.propertyRegistryUrl && app.ctx.profile.placeOfStay.kind === 'registryCode') {
      // The demo host already holds the first two (see seedDemoApplications).
      const codes = await sampleRegistryCodes(db, 3, 2);
      lines.push(`  Property codes to add in the demo, e.g. ${codes.join(', ')}`);
    }
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedDatabaseError) console.error(error.message);
  else console.error('Konok failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
