import { useMemo } from 'react';
import { todayIso } from '../../../shared/dates';
import { registrationDefaults, type RegistrationDefaults } from './registration-defaults';
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
        today: todayIso(),
        usualDays,
        properties,
        lastPropertyId: localStorage.getItem(LAST_PROPERTY),
      }),
    [properties, usualDays],
  );
}
