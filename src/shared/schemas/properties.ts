import { z } from 'zod';
import type { CountryProfile } from '../profiles/profile.js';

export const propertyCode = (profile: CountryProfile) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s/g, '') : v),
    z
      .string({ error: 'errors.propertyCode.required' })
      .min(1, 'errors.propertyCode.required')
      .regex(profile.propertyCode.regex, 'errors.propertyCode.format'),
  );

const capacityNumber = z
  .number({ error: 'errors.capacity.number' })
  .int('errors.capacity.number')
  .min(1, 'errors.capacity.range')
  .max(500, 'errors.capacity.range');

export const capacity = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? Number(v) : v),
  capacityNumber.optional(),
);

export const propertyLookupSchema = (profile: CountryProfile) => z.object({ code: propertyCode(profile) });

const squeeze = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : v);
const requiredPart = (requiredKey: string, max: number) =>
  z.preprocess(squeeze, z.string({ error: requiredKey }).min(1, requiredKey).max(max, 'errors.text.tooLong'));
const optionalPart = (max: number) =>
  z.preprocess(
    (v) => (squeeze(v) === '' ? undefined : squeeze(v)),
    z.string({ error: 'errors.field.invalid' }).max(max, 'errors.text.tooLong').optional(),
  );

/**
 * A place of stay described by its address (profiles whose place of stay is an address): the
 * country's divisions, the street written out, house, корпус, строение, flat and the postal index;
 * the host states the capacity. `confirmIndex`: the host has seen the index does not match and
 * keeps it.
 */
export const addressPlaceSchema = (profile: CountryProfile) => {
  const place = profile.placeOfStay;
  if (place.kind !== 'address') throw new Error(`${profile.code} names places by registry code`);
  return z.object({
    region: z.enum(place.regions.map((r) => r.code) as [string, ...string[]], {
      error: 'errors.address.region.required',
    }),
    district: optionalPart(100),
    city: requiredPart('errors.address.city.required', 100),
    streetType: z.enum(place.streetTypes.map((t) => t.value) as [string, ...string[]], {
      error: 'errors.address.streetType.required',
    }),
    street: requiredPart('errors.address.street.required', 100),
    house: z.preprocess(
      squeeze,
      z
        .string({ error: 'errors.address.house.required' })
        .min(1, 'errors.address.house.required')
        .max(20, 'errors.text.tooLong')
        .regex(/^[0-9A-Za-zА-Яа-яЁё/-]+$/, 'errors.address.house.format'),
    ),
    building: optionalPart(20),
    structure: optionalPart(20),
    flat: optionalPart(20),
    postalIndex: z.preprocess(
      (v) => (typeof v === 'string' ? v.replace(/\s/g, '') : v),
      z
        .string({ error: 'errors.address.postalIndex.required' })
        .min(1, 'errors.address.postalIndex.required')
        .regex(/^\d{6}$/, 'errors.address.postalIndex.format'),
    ),
    capacity: z.preprocess(
      (v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? Number(v) : v),
      z
        .number({ error: 'errors.capacity.required' })
        .int('errors.capacity.number')
        .min(1, 'errors.capacity.range')
        .max(500, 'errors.capacity.range'),
    ),
    confirmIndex: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
  });
};
export type AddressPlace = z.output<ReturnType<typeof addressPlaceSchema>>;

/** The add-property form (the scan travels beside it). */
export const addPropertySchema = (profile: CountryProfile) =>
  z.object({ code: propertyCode(profile), capacity });

/** Suggested capacity: living area by the profile's norm, at least one person. */
export function suggestedCapacity(profile: CountryProfile, areaM2: number): number {
  return Math.max(1, Math.floor(areaM2 / profile.areaPerPersonM2));
}

/** An operator's change of a legal entity's property: here the capacity is the whole point. */
export const capacityChangeSchema = z.object({
  capacity: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), capacityNumber),
});
