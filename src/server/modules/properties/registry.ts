import { z } from 'zod';
import { propertyAddressSchema } from '../../../shared/schemas/responses.js';

/** A property as the registry knows it. */
export const RegistryRecordSchema = z.object({
  code: z.string().min(1),
  address: propertyAddressSchema,
  areaM2: z.number().positive(),
  rooms: z.number().int().positive(),
});
export type RegistryRecord = z.infer<typeof RegistryRecordSchema>;
export type Address = RegistryRecord['address'];

/** The registry could not answer (down, slow, broken): the user may try again later. */
export class RegistryUnavailableError extends Error {}

export interface PropertyRegistry {
  /** undefined: the registry answered that there is no such property. */
  lookup(code: string): Promise<RegistryRecord | undefined>;
}

/** One line, as people write an address. */
export function formatAddress(address: Address): string {
  return [
    address.postalCode,
    address.region,
    address.district !== address.region ? address.district : undefined,
    // "г. Каракол" already names the town: no second "Каракол".
    [address.region, address.district].some((part) => part.includes(address.locality))
      ? undefined
      : address.locality,
    address.street,
    `д. ${address.house}`,
    address.building ? `корп. ${address.building}` : undefined,
    address.structure ? `стр. ${address.structure}` : undefined,
    address.flat ? `кв. ${address.flat}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}
