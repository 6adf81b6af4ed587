import { describe, expect, it } from 'vitest';
import { defaultPeriodEnd, registrationDefaults } from './registration-defaults';

const today = '2026-12-03';

describe('a new registration’s defaults', () => {
  it('the foreigner came today and stays the usual stay, first and last day included', () => {
    expect(registrationDefaults({ today, usualDays: 60, properties: [], lastPropertyId: null })).toEqual({
      propertyId: '',
      entryDate: today,
      periodFrom: today,
      periodTo: '2027-01-31',
    });
  });

  it('at the host’s only property, or the one used last if it is still the host’s', () => {
    const one = registrationDefaults({ today, usualDays: 60, properties: [{ id: 7 }], lastPropertyId: '9' });
    expect(one.propertyId).toBe('7');
    const two = [{ id: 7 }, { id: 9 }];
    expect(
      registrationDefaults({ today, usualDays: 60, properties: two, lastPropertyId: '9' }).propertyId,
    ).toBe('9');
    expect(
      registrationDefaults({ today, usualDays: 60, properties: two, lastPropertyId: '4' }).propertyId,
    ).toBe('');
    expect(
      registrationDefaults({ today, usualDays: 60, properties: two, lastPropertyId: null }).propertyId,
    ).toBe('');
  });
});

describe('the period’s suggested last day', () => {
  const end = (passportExpiryDate?: unknown) =>
    defaultPeriodEnd({ periodFrom: today, usualDays: 60, passportExpiryDate });

  it('is the usual stay while the passport’s expiry is unknown or later', () => {
    expect(end()).toEqual({ periodTo: '2027-01-31' });
    expect(end('')).toEqual({ periodTo: '2027-01-31' });
    expect(end('2033-03-13')).toEqual({ periodTo: '2027-01-31' });
    // Valid through the usual stay's last day exactly: nothing to cap.
    expect(end('2027-01-31')).toEqual({ periodTo: '2027-01-31' });
  });

  it('stops at the passport’s expiry when the passport runs out sooner, and says so', () => {
    expect(end('2027-01-30')).toEqual({ periodTo: '2027-01-30', cappedAt: '2027-01-30' });
    expect(end('2026-12-20')).toEqual({ periodTo: '2026-12-20', cappedAt: '2026-12-20' });
    // Valid through today only: a one-day registration.
    expect(end(today)).toEqual({ periodTo: today, cappedAt: today });
  });

  it('caps nothing with a passport already run out, or a date not (yet) a date', () => {
    expect(end('2026-12-02')).toEqual({ periodTo: '2027-01-31' });
    expect(end('2026--20')).toEqual({ periodTo: '2027-01-31' });
    expect(end('2026-12-32')).toEqual({ periodTo: '2027-01-31' });
    expect(end('2026-02-31')).toEqual({ periodTo: '2027-01-31' });
    expect(end(20261220)).toEqual({ periodTo: '2027-01-31' });
  });

  it('counts the usual stay from the first day of the period', () => {
    expect(defaultPeriodEnd({ periodFrom: '2027-02-01', usualDays: 90 })).toEqual({ periodTo: '2027-05-01' });
    expect(defaultPeriodEnd({ periodFrom: '2027-02-01', usualDays: 1 })).toEqual({ periodTo: '2027-02-01' });
  });
});
