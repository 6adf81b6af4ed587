import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';

describe('money as Konok writes it', () => {
  it('amount then code, with the language’s decimal mark', () => {
    expect(formatMoney(10300, 'KGS', 'ru')).toBe('103,00 KGS');
    expect(formatMoney(10300, 'KGS', 'ky')).toBe('103,00 KGS');
    expect(formatMoney(10300, 'KGS', 'en')).toBe('103.00 KGS');
  });
  it('groups thousands, and can leave out the tyiyn', () => {
    expect(formatMoney(500000, 'RUB', 'en', { wholeOnly: true })).toBe('5,000 RUB');
    expect(formatMoney(123456705, 'KGS', 'ru')).toBe('1\u202f234\u202f567,05 KGS');
  });
});
