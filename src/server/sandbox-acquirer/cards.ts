/** Luhn's check digit rule, which every card number satisfies. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export type CardOutcome = 'paid' | 'declined' | 'insufficient_funds';
/** How the result callback travels: as a real acquirer's sometimes does. */
export type CallbackMode = 'normal' | 'twice' | 'delayed' | 'drop_first' | 'lost';

export interface TestCard {
  number: string;
  outcome: CardOutcome;
  callback: CallbackMode;
}

/** The cards the sandbox page lists; any other valid number is declined as not a test card. */
export const TEST_CARDS: TestCard[] = [
  { number: '4111111111111111', outcome: 'paid', callback: 'normal' },
  { number: '4000000000000002', outcome: 'declined', callback: 'normal' },
  { number: '4000000000009995', outcome: 'insufficient_funds', callback: 'normal' },
  { number: '4242424242424242', outcome: 'paid', callback: 'twice' },
  { number: '4000000000000259', outcome: 'paid', callback: 'delayed' },
  { number: '4000000000000077', outcome: 'paid', callback: 'drop_first' },
  { number: '5555555555554444', outcome: 'paid', callback: 'lost' },
];
