import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { findRuRegion } from '../../shared/reference/ru-regions.js';

/**
 * Russian Post's postal indexes (see README.md here: source, date, how to rebuild): which subject
 * of the Federation and which city or settlement each index serves. Read once, on first use.
 */
export interface PostalPlace {
  /** The subject's code in src/shared/reference/ru-regions.ts ('77' Moscow). */
  region: string;
  /** The city or settlement; undefined for the few indexes of sorting centres that name none. */
  city?: string;
}

interface Reference {
  /** Ascending, for a binary search; the region and city of indexes[i] are regions[i] and cities[i]. */
  indexes: Int32Array;
  regions: string[];
  cities: string[];
}

let reference: Reference | undefined;

/** Each line: the index's difference from the line before, the region code when it changes, the city. */
function load(): Reference {
  const text = brotliDecompressSync(
    readFileSync(new URL('./postal-indexes.tsv.br', import.meta.url)),
  ).toString();
  const lines = text.split('\n').filter((line) => line !== '');
  const indexes = new Int32Array(lines.length);
  const regions: string[] = [];
  const cities: string[] = [];
  let index = 0;
  let region = '';
  lines.forEach((line, i) => {
    const [delta, code, city] = line.split('\t');
    index += Number(delta);
    region = code || region;
    indexes[i] = index;
    regions.push(region);
    cities.push(city ?? '');
  });
  return { indexes, regions, cities };
}

function table(): Reference {
  reference ??= load();
  return reference;
}

/** What the reference covers: how many indexes in all and in each subject of the Federation. */
export function postalIndexCoverage(): { total: number; byRegion: Map<string, number> } {
  const { indexes, regions } = table();
  const byRegion = new Map<string, number>();
  for (const region of regions) byRegion.set(region, (byRegion.get(region) ?? 0) + 1);
  return { total: indexes.length, byRegion };
}

export function lookupPostalIndex(index: string): PostalPlace | undefined {
  if (!/^\d{6}$/.test(index)) return undefined;
  const { indexes, regions, cities } = table();
  const wanted = Number(index);
  let low = 0;
  let high = indexes.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = indexes[middle]!;
    if (found === wanted)
      return { region: regions[middle]!, ...(cities[middle] ? { city: cities[middle] } : {}) };
    if (found < wanted) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** The kind of place people write before its name: «г. Москва», «с. Кошкино», «пгт Пограничный». */
const SETTLEMENT_TYPE =
  /^(?:г|гор|город|пгт|рп|кп|дп|п|пос|посёлок|поселок|с|село|д|дер|деревня|ст|ст-ца|станица|х|хут|хутор|аул|сл|слобода|мкр|микрорайон)(?:\.\s*|\s+)/;

/** A city as people type it, compared as the reference writes it: case, ё, quotes and the type word aside. */
function sameCity(typed: string, reference: string): boolean {
  const bare = (value: string) =>
    value
      .toLowerCase()
      .replace(/ё/g, 'е')
      .replace(/[«»"„“]/g, '')
      .replace(/\s*-\s*/g, '-')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(SETTLEMENT_TYPE, '');
  return bare(typed) === bare(reference);
}

export type PostalIndexCheck = 'ok' | { warning: 'region' | 'city' | 'unknown' };

/**
 * Whether an address's postal index agrees with its region and city. A disagreement is a warning
 * the host may confirm, never a refusal: an index serves the villages around its office, and the
 * reference lags behind new offices.
 */
export function checkPostalIndex(address: { index: string; region: string; city: string }): PostalIndexCheck {
  const place = lookupPostalIndex(address.index);
  if (!place) return { warning: 'unknown' };
  if (place.region !== address.region) return { warning: 'region' };
  if (!place.city || sameCity(address.city, place.city)) return 'ok';
  // A city of federal significance is its own region: «Москва» for an index in Zelenograd is right.
  const region = findRuRegion(place.region);
  if (region?.kind === 'federalCity' && sameCity(address.city, region.ru)) return 'ok';
  return { warning: 'city' };
}

/** The postal references a profile may name (CountryProfile.placeOfStay.postalReference). */
export const POSTAL_REFERENCES = {
  russianPost: { check: checkPostalIndex, lookup: lookupPostalIndex },
} as const;
