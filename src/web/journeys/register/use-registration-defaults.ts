import { useEffect, useMemo, useRef, useState } from 'react';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { todayIso } from '../../../shared/dates';
import { pageProfile } from '../../i18n';
import type { RegistrationInput } from '../../../shared/schemas/registrations';
import { defaultPeriodEnd, registrationDefaults, type RegistrationDefaults } from './registration-defaults';
import type { HostProperty } from './use-host-properties';

/** This browser remembers the property of the host's last registration, for the next one. */
const LAST_PROPERTY = 'konok.lastProperty';

export function rememberProperty(propertyId: unknown) {
  localStorage.setItem(LAST_PROPERTY, String(propertyId));
}

/** A new registration's defaults, once the host's properties are known. */
export function useRegistrationDefaults(
  properties: HostProperty[] | undefined,
  usualDays: number,
): RegistrationDefaults | undefined {
  return useMemo(
    () =>
      properties &&
      registrationDefaults({
        today: todayIso(new Date(), pageProfile.clock),
        usualDays,
        properties,
        lastPropertyId: localStorage.getItem(LAST_PROPERTY),
      }),
    [properties, usualDays],
  );
}

/**
 * Keeps the suggested last day of the period within the passport as its expiry becomes known
 * (read from the MRZ or typed). A day the host chose is theirs and stays. Answers the expiry the
 * period was cut to while the field still holds it, for the hint that says why.
 */
export function usePeriodEnd(
  { control, getValues, setValue }: UseFormReturn<RegistrationInput>,
  defaults: RegistrationDefaults | undefined,
  usualDays: number,
): string | undefined {
  const expiry = useWatch({ control, name: 'passportExpiryDate' });
  const periodTo = useWatch({ control, name: 'periodTo' });
  // The last day this hook put in; with the plain default, what counts as not chosen by the host.
  const suggested = useRef<string | undefined>(undefined);
  const [cappedAt, setCappedAt] = useState<string>();
  useEffect(() => {
    if (!defaults) return;
    const current = getValues('periodTo');
    if (current !== defaults.periodTo && current !== suggested.current) return;
    const next = defaultPeriodEnd({ periodFrom: defaults.periodFrom, usualDays, passportExpiryDate: expiry });
    suggested.current = next.periodTo;
    setCappedAt(next.cappedAt);
    if (next.periodTo !== current) setValue('periodTo', next.periodTo, { shouldDirty: true });
  }, [expiry, defaults, usualDays, getValues, setValue]);
  return cappedAt && periodTo === cappedAt ? cappedAt : undefined;
}
