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
