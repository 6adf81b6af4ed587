import { describe, expect, it } from 'vitest';
import { textsOf } from '../../http/i18n';
import { kg } from '../../../shared/profiles/kg';
import { ru } from '../../../shared/profiles/ru';
import { warningMessage as message, type RegistrationWarning } from './warnings';

const warningMessage = (language: 'ru' | 'ky' | 'en', warning: RegistrationWarning) =>
  message(textsOf(kg), language, warning);

const late = (days: number, unit: 'working' | 'calendar'): RegistrationWarning => ({
  code: 'late',
  deadline: '2026-01-12',
  days,
  unit,
});

describe('the late-registration warning', () => {
  it('names the deadline in the unit the profile counts in', () => {
    expect(warningMessage('ru', late(7, 'calendar'))).toContain('(7 календарных дней после въезда)');
    expect(warningMessage('ru', late(5, 'working'))).toContain('(5 рабочих дней после въезда)');
    expect(warningMessage('en', late(7, 'calendar'))).toContain('(7 calendar days after entry)');
    expect(warningMessage('ky', late(7, 'calendar'))).toContain('(кирген күндөн тартып 7 календардык күн)');
  });

  it('says the number as the language does', () => {
    expect(warningMessage('ru', late(1, 'working'))).toContain('(1 рабочий день после въезда)');
    expect(warningMessage('ru', late(3, 'calendar'))).toContain('(3 календарных дня после въезда)');
    expect(warningMessage('en', late(1, 'calendar'))).toContain('(1 calendar day after entry)');
  });

  it('reads a flag stored before the unit was named as working days', () => {
    const stored = { code: 'late', deadline: '2026-05-15', workingDays: 5 } as unknown as RegistrationWarning;
    expect(warningMessage('en', stored)).toBe(
      'The registration is late: it was due by 15 May 2026 (5 working days after entry). You may go on; the operators will see this, and the host may be fined.',
    );
  });

  it('names the fine and, where the profile names one, the repeat fine', () => {
    const fined = { ...late(7, 'calendar'), fine: ru.registration.lateFine } as RegistrationWarning;
    const ruText = message(textsOf(ru), 'ru', fined).replace(/\s/g, ' ');
    expect(ruText).toContain('штраф от 2 000 RUB до 5 000 RUB, при повторном нарушении — до 10 000 RUB');
    const once = { ...fined, fine: { minMinor: 200_000, maxMinor: 500_000, currency: 'RUB' } };
    expect(message(textsOf(ru), 'en', once)).not.toContain('again');
  });
});
