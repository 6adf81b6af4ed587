/**
 * Registration numbers: 14 digits as in the guide's sample card (59930207077349), the last a Luhn
 * check digit so that a mistyped number is caught before any lookup.
 */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    // From the right, every second digit of the payload (the check digit will take position 0).
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isRegistrationNumber(value: string): boolean {
  return /^[1-9]\d{13}$/.test(value) && luhnCheckDigit(value.slice(0, 13)) === Number(value[13]);
}

/** A random one: 13 random digits (no leading zero) and the check digit. `below(n)` is 0 … n-1. */
export function randomRegistrationNumber(below: (n: number) => number): string {
  let payload = String(1 + below(9));
  while (payload.length < 13) payload += String(below(10));
  return payload + String(luhnCheckDigit(payload));
}
