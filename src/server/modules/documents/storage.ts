import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Where file bodies live, addressed by their sha-256; S3-compatible storage implements the same. */
export interface FileStorage {
  put(sha256: string, body: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer>;
}

export function localStorage(root: string): FileStorage {
  const fileOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);
  return {
    async put(sha256, body) {
      const target = fileOf(sha256);
      await fs.mkdir(path.dirname(target), { recursive: true });
      try {
        await fs.access(target);
        return; // same content already stored
      } catch {
        // write to a temporary name, fsync, then rename: a crash never leaves half a file under the final name
      }
      const temporary = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
      const handle = await fs.open(temporary, 'w', 0o600);
      try {
        await handle.writeFile(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temporary, target);
    },
    get: (sha256) => fs.readFile(fileOf(sha256)),
  };
}
