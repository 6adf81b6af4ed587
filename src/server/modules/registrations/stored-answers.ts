import type { AppContext } from '../../context.js';
import { decryptField } from '../../security/crypto.js';

/** The answers beyond the core columns, decrypted; none when the form asked nothing more. */
export function storedAnswers(
  ctx: Pick<AppContext, 'secrets'>,
  sealed: string | null,
): Record<string, string | number | boolean> {
  if (!sealed) return {};
  return JSON.parse(decryptField(ctx.secrets.fieldEncryptionKey, sealed)) as Record<
    string,
    string | number | boolean
  >;
}
