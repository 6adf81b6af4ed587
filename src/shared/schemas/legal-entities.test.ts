import { describe, expect, it } from 'vitest';
import { kg } from '../profiles/kg';
import { ru } from '../profiles/ru';
import { legalEntityApplicationSchema } from './legal-entities';

const taxNumberMessages = (profile: typeof kg, taxNumber: string) =>
  legalEntityApplicationSchema(profile)
    .safeParse({ taxNumber })
    .error!.issues.filter((issue) => issue.path[0] === 'taxNumber')
    .map((issue) => issue.message);

describe('a legal entity’s tax number', () => {
  it('ru checks the ИНН by the rule its profile names', () => {
    expect(taxNumberMessages(ru, '7707 083 893')).toEqual([]);
    expect(taxNumberMessages(ru, '7707083894')).toEqual(['errors.entity.taxNumber.check']);
    expect(taxNumberMessages(ru, '770708389')).toEqual(['errors.entity.taxNumber.format']);
  });

  it('kg, whose tax service publishes no check digit, checks the shape only', () => {
    expect(taxNumberMessages(kg, '02305201910123')).toEqual([]);
    expect(taxNumberMessages(kg, '02305201910124')).toEqual([]);
    expect(taxNumberMessages(kg, '0230520191012')).toEqual(['errors.entity.taxNumber.format']);
  });
});
