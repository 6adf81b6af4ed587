import { describe, expect, it } from 'vitest';
import { findRuRegion, RU_REGIONS } from './ru-regions';

describe('the subjects of the Federation', () => {
  it('are the 85 of Russian Post’s reference, each with its own code and names', () => {
    expect(RU_REGIONS).toHaveLength(85);
    for (const key of ['code', 'ru', 'en'] as const)
      expect(new Set(RU_REGIONS.map((r) => r[key])).size, key).toBe(85);
    for (const r of RU_REGIONS) expect(r.code).toMatch(/^\d{2}$/);
    const kinds: Record<string, number> = {};
    for (const r of RU_REGIONS) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
    expect(kinds).toEqual({
      republic: 22,
      krai: 9,
      oblast: 46,
      federalCity: 3,
      autonomousOblast: 1,
      autonomousOkrug: 4,
    });
  });

  it('carry the codes the tax service and the address registries use', () => {
    expect(findRuRegion('77')).toEqual({ code: '77', kind: 'federalCity', ru: 'Москва', en: 'Moscow' });
    expect(findRuRegion('50')?.ru).toBe('Московская область');
    expect(findRuRegion('86')?.ru).toBe('Ханты-Мансийский автономный округ — Югра');
    expect(findRuRegion('00')).toBeUndefined();
  });
});
