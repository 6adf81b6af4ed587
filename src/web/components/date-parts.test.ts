import { zodResolver } from '@hookform/resolvers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isoDate } from '../../shared/schemas/fields';
import { dateProblem, partsFromValue, valueFromParts, withDateParts } from './date-parts';

describe('a date in three boxes', () => {
  it('makes an ISO date of day, month and year, with or without leading zeros', () => {
    expect(valueFromParts({ day: '27', month: '3', year: '2007' })).toBe('2007-03-27');
    expect(valueFromParts({ day: '07', month: '03', year: '2007' })).toBe('2007-03-07');
    expect(valueFromParts({ day: ' 7 ', month: '3 ', year: ' 2007' })).toBe('2007-03-07');
    expect(valueFromParts({ day: '', month: '', year: '' })).toBe('');
  });

  it('shows an ISO date in the boxes as people write it, and a partial one as it was typed', () => {
    expect(partsFromValue('2007-03-07')).toEqual({ day: '7', month: '3', year: '2007' });
    expect(partsFromValue('')).toEqual({ day: '', month: '', year: '' });
    expect(partsFromValue(undefined)).toEqual({ day: '', month: '', year: '' });
    for (const parts of [
      { day: '27', month: '', year: '2007' },
      { day: 'ab', month: '3', year: '2007' },
      { day: '', month: '', year: '07' },
      { day: '31', month: '2', year: '2007' },
    ])
      expect(partsFromValue(valueFromParts(parts))).toEqual(
        // An impossible date is still digits: it comes back without its leading zeros.
        parts.month === '2' ? { day: '31', month: '2', year: '2007' } : parts,
      );
  });

  it('a hyphen typed into a box does not shift the other boxes', () => {
    expect(partsFromValue(valueFromParts({ day: '2-7', month: '3', year: '2007' }))).toEqual({
      day: '27',
      month: '3',
      year: '2007',
    });
  });

  it('says what is wrong, and in which box', () => {
    const problem = (day: string, month: string, year: string) =>
      dateProblem(valueFromParts({ day, month, year }));
    expect(problem('27', '3', '2007')).toBeUndefined();
    expect(problem('29', '2', '2024')).toBeUndefined();
    expect(problem('', '', '')).toBeUndefined();
    expect(problem('27', '', '2007')).toEqual({ message: 'errors.date.missingMonth', parts: ['month'] });
    expect(problem('', '3', '2007')).toEqual({ message: 'errors.date.missingDay', parts: ['day'] });
    expect(problem('27', '3', '')).toEqual({ message: 'errors.date.missingYear', parts: ['year'] });
    expect(problem('27', '', '')).toEqual({ message: 'errors.date.incomplete', parts: ['month', 'year'] });
    expect(problem('2x', 'March', '2007')).toEqual({
      message: 'errors.date.numbers',
      parts: ['day', 'month'],
    });
    expect(problem('27', '3', '07')).toEqual({ message: 'errors.date.year', parts: ['year'] });
    expect(problem('27', '13', '2007')).toEqual({ message: 'errors.date.invalid', parts: ['month'] });
    expect(problem('27', '0', '2007')).toEqual({ message: 'errors.date.invalid', parts: ['month'] });
    expect(problem('31', '2', '2007')).toEqual({ message: 'errors.date.invalid', parts: ['day'] });
    expect(problem('29', '2', '2023')).toEqual({ message: 'errors.date.invalid', parts: ['day'] });
    expect(problem('0', '2', '2023')).toEqual({ message: 'errors.date.invalid', parts: ['day'] });
    expect(problem('123', '2', '2023')).toEqual({ message: 'errors.date.invalid', parts: ['day'] });
  });
});

describe('the form resolver with dates in boxes', () => {
  const schema = z
    .object({ from: isoDate('errors.from.required'), to: isoDate('errors.to.required') })
    .superRefine((v, ctx) => {
      if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'errors.to.beforeFrom' });
    });
  const resolve = (values: { from: string; to: string }) =>
    withDateParts(zodResolver(schema), ['from', 'to'])(values, undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    });
  const messages = async (values: { from: string; to: string }) =>
    Object.fromEntries(Object.entries((await resolve(values)).errors).map(([k, v]) => [k, v?.message]));

  it('puts the box’s problem on its field, and compares no half-typed date with the other', async () => {
    // '2026--01' compares below '2026-03-01' as text: without the resolver «to» would be wrong too.
    expect(await messages({ from: '2026-03-01', to: '2026--01' })).toEqual({
      to: 'errors.date.missingMonth',
    });
    expect(await messages({ from: '2026-02-31', to: '2026-03-01' })).toEqual({ from: 'errors.date.invalid' });
  });

  it('leaves whole dates to the schema: its messages, its values', async () => {
    expect(await messages({ from: '', to: '2026-03-01' })).toEqual({ from: 'errors.from.required' });
    expect(await messages({ from: '2026-03-02', to: '2026-03-01' })).toEqual({ to: 'errors.to.beforeFrom' });
    expect((await resolve({ from: '2026-03-01', to: '2026-03-02' })).values).toEqual({
      from: '2026-03-01',
      to: '2026-03-02',
    });
  });
});
