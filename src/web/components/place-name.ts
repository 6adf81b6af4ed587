import { useProfile } from './profile';

interface Place {
  code: string;
  addressLine: string;
}

/**
 * How a place of stay is named to a reader: a registry's code with its address (or the code alone,
 * `short`, where a list has little room), or, where places are typed as addresses, the address
 * alone: its key is for finding it again, not for reading.
 */
export function usePlaceName(): (place: Place, options?: { short?: boolean }) => string {
  const byCode = useProfile().placeOfStay.kind === 'registryCode';
  return (place, { short = false } = {}) => {
    if (!byCode) return place.addressLine;
    return short ? place.code : `${place.code} — ${place.addressLine}`;
  };
}
