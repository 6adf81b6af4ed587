import { describe, expect, it } from 'vitest';
import { toMrzResponse } from './mrz-response.js';

const fields = {
  documentCode: 'P',
  issuingState: 'UTO',
  surname: 'ERIKSSON',
  givenNames: 'ANNA MARIA',
  documentNumber: 'L898902C4',
  nationality: 'UTO',
  birthDate: '1974-08-12',
  sex: 'F' as const,
  expiryDate: '2032-04-15',
  personalNumber: 'ZE184226B',
};

describe('the passport reading as the form receives it', () => {
  it('gives a zone whose check digits fail as printed, with the failing field marked for checking', () => {
    const response = toMrzResponse({ status: 'invalid', type: 'TD3', fields, uncertain: ['documentNumber'] });
    expect(response.status).toBe('invalid');
    expect(response.documentNumber).toBe('L898902C4');
    expect(response.surname).toBe('ERIKSSON');
    expect(response.uncertain).toEqual(['documentNumber']);
  });

  it('gives no fields when nothing was read, and all of them on a reading that checks', () => {
    expect(toMrzResponse({ status: 'unreadable', uncertain: [] })).toEqual({
      status: 'unreadable',
      uncertain: [],
    });
    expect(toMrzResponse({ status: 'invalid', uncertain: [] })).not.toHaveProperty('documentNumber');
    expect(toMrzResponse({ status: 'ok', type: 'TD3', fields, uncertain: [] })).toMatchObject(fields);
  });
});
