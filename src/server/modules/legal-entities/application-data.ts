import type { AppContext } from '../../context.js';
import { decryptField } from '../../security/crypto.js';
import type { EntityProperty, LegalEntityApplication } from '../../../shared/schemas/index.js';

/**
 * Each property code's registry record, asked all at once (the registry may be remote): a record,
 * undefined (the registry has no such property) or 'unavailable'.
 */
export const lookUpAll = (ctx: AppContext, codes: string[]) =>
  Promise.all(codes.map((code) => ctx.registry.lookup(code).catch(() => 'unavailable' as const)));

/** The letter's data as the applicant sent it (kept encrypted). */
export const applicationData = (ctx: AppContext, application: { data_enc: string }) =>
  JSON.parse(decryptField(ctx.secrets.fieldEncryptionKey, application.data_enc)) as LegalEntityApplication;

/** The registry codes of an application's properties (none where places are addresses). */
export const registryCodes = (data: { properties: EntityProperty[] }) =>
  data.properties.flatMap((p) => ('code' in p ? [p.code] : []));
