import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/database.js';
import { badRequest } from '../../http/errors.js';
import { keyedHash } from '../../security/crypto.js';
import { feeOn } from '../../../shared/profiles/profile.js';
import { registrationSchema, todayIso, type Registration } from '../../../shared/schemas/index.js';
import { fieldErrors } from '../accounts/accounts.service.js';
import { findOwnProperty } from '../properties/properties.service.js';
import * as repo from './registrations.repo.js';

/** How many active registrations each property has: the properties module asks here, not the table. */
export const activeCountsByProperty = (db: DbOrTx, propertyIds: number[]) =>
  repo.countActiveByProperty(db, propertyIds);

/** The public status check: by application or registration number, with the foreigner's passport number. */
export async function findStatus(ctx: AppContext, input: { number: string; passportNumber: string }) {
  const row = await repo.findByNumberAndPassport(ctx.db, {
    number: input.number.toUpperCase(),
    passportNumberHash: keyedHash(ctx.secrets.fieldHashKey, input.passportNumber),
  });
  return (
    row && {
      applicationNumber: row.application_number,
      registrationNumber: row.registration_number,
      status: row.status,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
    }
  );
}

export type RegistrationWarning =
  { code: 'capacity'; capacity: number; registered: number } | { code: 'noFee' };

export interface CheckedRegistration {
  registration: Registration;
  fee: { amountMinor: number; currency: string };
  property: { id: number; code: string; addressLine: string };
  /** Not refusals: the host sees them before confirming; operators see them as flags. */
  warnings: RegistrationWarning[];
}

/**
 * «Проверка данных»: the form's own rules and those that need the database, every problem on its
 * field at once (a 400 with all of them), or the registration ready to confirm with its fee.
 */
export async function checkRegistration(
  ctx: AppContext,
  hostId: number,
  input: unknown,
  today = todayIso(),
): Promise<CheckedRegistration> {
  const parsed = registrationSchema(ctx.profile, today).safeParse(input);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  const fields = (parsed.success ? parsed.data : (input ?? {})) as Partial<Registration>;

  const propertyId = Number(fields.propertyId);
  const property =
    !errors.propertyId && Number.isSafeInteger(propertyId) && propertyId > 0
      ? await findOwnProperty(ctx, hostId, propertyId)
      : undefined;
  if (!errors.propertyId && !property) errors.propertyId = 'errors.registration.property.notFound';

  if (!parsed.success) throw badRequest(errors);
  const registration = parsed.data;

  // The same passport may not be registered twice for overlapping days, at any host.
  const overlapping = await repo.findOverlapping(ctx.db, {
    passportNumberHash: keyedHash(ctx.secrets.fieldHashKey, registration.passportNumber),
    from: registration.periodFrom,
    to: registration.periodTo,
  });
  if (overlapping.length > 0) errors.passportNumber = 'errors.registration.passport.overlap';
  if (Object.keys(errors).length > 0) throw badRequest(errors);

  const warnings: RegistrationWarning[] = [];
  const registered = await repo.countAtPropertyOverlapping(ctx.db, {
    propertyId: property!.id,
    from: registration.periodFrom,
    to: registration.periodTo,
  });
  if (registered + 1 > property!.capacity)
    warnings.push({ code: 'capacity', capacity: property!.capacity, registered });
  const fee = feeOn(ctx.profile.registration, today);
  // The profile's schedule is open-ended (a test keeps it so): no fee means a broken profile.
  if (!fee) throw new Error(`the ${ctx.profile.code} profile has no fee for ${today}`);

  return {
    registration,
    fee: fee
      ? { amountMinor: fee.amountMinor, currency: fee.currency }
      : { amountMinor: 0, currency: ctx.profile.currency },
    property: { id: property!.id, code: property!.code, addressLine: property!.addressLine },
    warnings,
  };
}
