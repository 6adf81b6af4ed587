import { describe, expect, it } from 'vitest';
import { RU_REGIONS } from '../../shared/reference/ru-regions';
import { checkPostalIndex, lookupPostalIndex, postalIndexCoverage } from './postal-indexes';

describe('the postal-index reference', () => {
  it('holds Russian Post’s indexes in every subject of the Federation, and only those', () => {
    const { total, byRegion } = postalIndexCoverage();
    // PIndx of 22 June 2026: 61,429 indexes, less 10 in Baikonur and 5 of Russian Post in Berlin.
    expect(total).toBe(61_414);
    expect([...byRegion.keys()].sort()).toEqual(RU_REGIONS.map((r) => r.code).sort());
    expect(byRegion.get('77')).toBe(5504);
    expect(byRegion.get('86')).toBe(260); // Yugra: filed under AUTONOM in the source
  });

  it('knows the main post offices of Moscow, Saint Petersburg and Novosibirsk', () => {
    expect(lookupPostalIndex('101000')).toEqual({ region: '77', city: 'Москва' });
    expect(lookupPostalIndex('190000')).toEqual({ region: '78', city: 'Санкт-Петербург' });
    expect(lookupPostalIndex('630000')).toEqual({ region: '54', city: 'Новосибирск' });
    expect(lookupPostalIndex('124460')).toEqual({ region: '77', city: 'Зеленоград' });
  });

  it('knows villages: the settlement itself, not the rural municipality around it', () => {
    expect(lookupPostalIndex('659736')).toEqual({ region: '22', city: 'Поломошное' }); // Altai Krai
    // Tver oblast, Kimry district: the village Кошкино in the rural settlement Печетовское.
    expect(lookupPostalIndex('171536')).toEqual({ region: '69', city: 'Кошкино' });
  });

  it('answers nothing for an index that does not exist or is not six digits', () => {
    expect(lookupPostalIndex('101001')).toBeUndefined();
    expect(lookupPostalIndex('000000')).toBeUndefined();
    expect(lookupPostalIndex('10100')).toBeUndefined();
    expect(lookupPostalIndex('1010000')).toBeUndefined();
    expect(lookupPostalIndex('500100')).toBeUndefined(); // Russian Post's office in Berlin
  });
});

describe('checking an address against its postal index', () => {
  it('agrees with the city however people write it', () => {
    expect(checkPostalIndex({ index: '630000', region: '54', city: 'Новосибирск' })).toBe('ok');
    expect(checkPostalIndex({ index: '630000', region: '54', city: 'г. Новосибирск' })).toBe('ok');
    expect(checkPostalIndex({ index: '630000', region: '54', city: ' г.новосибирск ' })).toBe('ok');
    expect(checkPostalIndex({ index: '659736', region: '22', city: 'с. Поломошное' })).toBe('ok');
    // Zelenograd is in Moscow: either name will do.
    expect(checkPostalIndex({ index: '124460', region: '77', city: 'Москва' })).toBe('ok');
    expect(checkPostalIndex({ index: '124460', region: '77', city: 'Зеленоград' })).toBe('ok');
  });

  it('warns of another region, another city, or an unknown index', () => {
    expect(checkPostalIndex({ index: '101000', region: '50', city: 'Москва' })).toEqual({
      warning: 'region',
    });
    expect(checkPostalIndex({ index: '630000', region: '54', city: 'Бердск' })).toEqual({ warning: 'city' });
    expect(checkPostalIndex({ index: '190000', region: '78', city: 'Москва' })).toEqual({ warning: 'city' });
    expect(checkPostalIndex({ index: '101001', region: '77', city: 'Москва' })).toEqual({
      warning: 'unknown',
    });
  });
});
