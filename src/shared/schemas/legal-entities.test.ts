import { describe, expect, it } from 'vitest';
import { kg } from '../profiles/kg';
import { ru } from '../profiles/ru';
import { entityIdentifierIssues, legalEntityApplicationSchema } from './legal-entities';

const taxNumberMessages = (profile: typeof kg, taxNumber: string) =>
  legalEntityApplicationSchema(profile)
    .safeParse({ taxNumber })
    .error!.issues.filter((issue) => issue.path[0] === 'taxNumber')
    .map((issue) => issue.message);

describe('a legal entity’s tax number', () => {
  it('ru checks ИНН, ОГРН and КПП by the rules its profile names, by legal form', () => {
    const issues = (fields: Record<string, string>) =>
      entityIdentifierIssues(ru, {
        legalForm: 'ooo',
        taxNumber: '7707 083 893',
        registrationNumber: '1027700132195',
        kpp: '773601001',
        ...fields,
      });
    expect(issues({})).toEqual({});
    expect(issues({ taxNumber: '7707083894' })).toEqual({
      taxNumber: 'errors.identifiers.innOrganisation.check',
    });
    expect(issues({ taxNumber: '770708389' })).toEqual({
      taxNumber: 'errors.identifiers.innOrganisation.format',
    });
    expect(issues({ registrationNumber: '1027700132196', kpp: '' })).toEqual({
      registrationNumber: 'errors.identifiers.ogrn.check',
      kpp: 'errors.identifiers.kpp.required',
    });
    // An individual entrepreneur: 12 digits and an ОГРНИП; a КПП is not asked.
    expect(
      issues({ legalForm: 'ip', taxNumber: '500100732259', registrationNumber: '304500116000157', kpp: '' }),
    ).toEqual({});
    expect(issues({ legalForm: 'ip', registrationNumber: '304500116000158' })).toEqual({
      taxNumber: 'errors.identifiers.innIndividual.format',
      registrationNumber: 'errors.identifiers.ogrnip.check',
    });
  });

  it('kg, whose tax service publishes no check digit, checks the shape only', () => {
    expect(taxNumberMessages(kg, '02305201910123')).toEqual([]);
    expect(taxNumberMessages(kg, '02305201910124')).toEqual([]);
    expect(taxNumberMessages(kg, '0230520191012')).toEqual(['errors.entity.taxNumber.format']);
  });
});
