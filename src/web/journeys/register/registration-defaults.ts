import { addDays } from '../../../shared/dates';
import { dateFromDdMmYyyy } from '../../../shared/profiles/profile';

// What a new registration starts with, each shown in its field and changeable: the foreigner came
// and stays from today, for the profile's usual stay (the usual visa-free one); at the host's only
// property, or the one used last.

export interface RegistrationDefaults {
  propertyId: string;
  entryDate: string;
  periodFrom: string;
  periodTo: string;
}

export function registrationDefaults(options: {
  today: string;
  usualDays: number;
  properties: readonly { id: number }[];
  /** The property of the host's last registration, as this browser remembers it. */
  lastPropertyId: string | null;
}): RegistrationDefaults {
  const { today, usualDays, properties, lastPropertyId } = options;
  const property =
    properties.length === 1 ? properties[0] : properties.find((p) => String(p.id) === lastPropertyId);
  return {
    propertyId: property ? String(property.id) : '',
    entryDate: today,
    periodFrom: today,
    periodTo: defaultPeriodEnd({ periodFrom: today, usualDays }).periodTo,
  };
}

/**
 * The period's suggested last day: the usual stay, but never past the passport's expiry — a
 * registration cannot outlast the passport it is made on. `cappedAt` says the passport decided it,
 * for the hint beside the field. A passport that runs out before the stay begins caps nothing: the
 * form says the passport has expired, on its own field.
 */
export function defaultPeriodEnd(options: {
  periodFrom: string;
  usualDays: number;
  passportExpiryDate?: unknown;
}): { periodTo: string; cappedAt?: string } {
  const { periodFrom, usualDays, passportExpiryDate: expiry } = options;
  const usual = addDays(periodFrom, usualDays - 1);
  // A date still being typed into its boxes, or one that does not exist, is not an expiry yet.
  const [year, month, day] = typeof expiry === 'string' ? expiry.split('-') : [];
  if (typeof expiry !== 'string' || dateFromDdMmYyyy(`${day}${month}${year}`) !== expiry)
    return { periodTo: usual };
  if (expiry < periodFrom || expiry >= usual) return { periodTo: usual };
  return { periodTo: expiry, cappedAt: expiry };
}
