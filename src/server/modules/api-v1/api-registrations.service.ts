import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { AppError, badRequest, fieldErrors } from '../../http/errors.js';
import type { Language } from '../../../shared/profiles/index.js';
import { externalReference } from '../../../shared/schemas/api.js';
import { hostContacts } from '../accounts/accounts.service.js';
import { requirePlace, requireScope, type KeyPrincipal } from '../api-keys/api-keys.service.js';
import { checkRegistration, submitRegistration } from '../registrations/registrations.service.js';

/**
 * One guest through the API: the form's own submission (check → authorise → create), the key's
 * places authorising it where the cabinet asks for the PIN. `within` runs in the application's
 * transaction (a batch row's result is written with it).
 */
export async function registerGuest(
  ctx: AppContext,
  key: KeyPrincipal,
  body: unknown,
  options: {
    language: Language;
    within?: (tx: Tx, created: { id: number; applicationNumber: string }) => Promise<void>;
  },
) {
  requireScope(key, 'registrations:write');
  const { externalReference: reference, ...data } = (
    body && typeof body === 'object' && !Array.isArray(body) ? body : {}
  ) as Record<string, unknown>;
  let checkedReference: string | undefined;
  if (reference !== undefined && reference !== null && reference !== '') {
    const parsed = externalReference.safeParse(reference);
    if (!parsed.success) {
      // Said together with whatever else is wrong with the guest.
      const fields = fieldErrors(parsed.error);
      const others = await checkRegistration(ctx, key.hostId, data).then(
        () => ({}),
        (error: unknown) => (error instanceof AppError && error.status === 400 ? error.fields : {}),
      );
      throw badRequest({ ...others, externalReference: fields._ ?? 'errors.api.externalReference.invalid' });
    }
    checkedReference = parsed.data;
  }
  return submitRegistration(ctx, {
    hostId: key.hostId,
    actor: { kind: 'apiKey', hostId: key.hostId, keyId: key.keyId },
    data,
    language: options.language,
    externalReference: checkedReference,
    within: options.within,
    authorise: async (checked) => {
      requirePlace(key, checked.property.id);
      return hostContacts(ctx.db, key.hostId);
    },
  });
}
