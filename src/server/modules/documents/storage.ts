import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Where file bodies live, addressed by their sha-256; S3-compatible storage implements the same. */
export interface FileStorage {
  put(sha256: string, body: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer>;
  remove(sha256: string): Promise<void>;
  /** Every stored file with when it was written (for sweeping files no row refers to). */
  list(): AsyncIterable<{ sha256: string; writtenAt: Date }>;
}

/** Files at rest are sealed: a magic, then AES-256-GCM's nonce, tag and ciphertext. */
const MAGIC = Buffer.from('KNK1');

export function sealFile(key: Buffer, body: Buffer): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(body), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), sealed]);
}

export function openFile(key: Buffer, stored: Buffer): Buffer {
  // Files written before encryption at rest are read as they are.
  if (!stored.subarray(0, 4).equals(MAGIC)) return stored;
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, stored.subarray(4, 16));
  decipher.setAuthTag(stored.subarray(16, 32));
  return Buffer.concat([decipher.update(stored.subarray(32)), decipher.final()]);
}

/** A local directory; every file encrypted with `key`. */
export function localFileStorage(root: string, key: Buffer): FileStorage {
  const fileOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);
  return {
    async put(sha256, body) {
      const target = fileOf(sha256);
      await fs.mkdir(path.dirname(target), { recursive: true });
      try {
        await fs.access(target);
        // Same content already stored: touch it, so a sweep does not take it from a new row.
        const now = new Date();
        await fs.utimes(target, now, now);
        return;
      } catch {
        // write to a temporary name, fsync, then rename: a crash never leaves half a file under the final name
      }
      const temporary = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
      const handle = await fs.open(temporary, 'w', 0o600);
      try {
        await handle.writeFile(sealFile(key, body));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temporary, target);
    },
    get: async (sha256) => openFile(key, await fs.readFile(fileOf(sha256))),
    remove: (sha256) => fs.rm(fileOf(sha256), { force: true }),
    async *list() {
      const shards = await fs.readdir(root).catch(() => [] as string[]);
      for (const shard of shards) {
        const names = await fs.readdir(path.join(root, shard)).catch(() => [] as string[]);
        for (const name of names) {
          if (!/^[0-9a-f]{64}$/.test(name)) continue;
          const stat = await fs.stat(path.join(root, shard, name)).catch(() => undefined);
          if (stat) yield { sha256: name, writtenAt: stat.mtime };
        }
      }
    },
  };
}
