import { z } from 'zod';

/**
 * Russian registry identifiers as named rules: a profile, a form field or an API body refers to a
 * rule by its name (`'innOrganisation'`), so a country's forms are declared, never branched on.
 * Each rule is a pure predicate over the bare value (digits, or digits and capitals for a КПП);
 * what a person types is normalised by `identifierSchema` before it is checked.
 *
 * The check digits are those the Federal Tax Service and the Pension Fund publish: ИНН (Приказ
 * ФНС о порядке присвоения ИНН), ОГРН/ОГРНИП (Приказ ФНС о ведении ЕГРЮЛ/ЕГРИП), СНИЛС
 * (Постановление Правления ПФР о страховом номере).
 */

/** (Σ digit × weight) mod 11 mod 10: the ИНН's check digit. */
function weightedCheckDigit(digits: string, weights: readonly number[]): number {
  return (weights.reduce((sum, weight, i) => sum + weight * Number(digits[i]), 0) % 11) % 10;
}

/** A long decimal string modulo a small number, digit by digit (ОГРНИП's 14 digits stay exact). */
function decimalModulo(digits: string, modulus: number): number {
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % modulus;
  return rest;
}

const INN_ORGANISATION_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN_INDIVIDUAL_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN_INDIVIDUAL_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/** The shape of each identifier before any check digit: what the "format" message describes. */
export const IDENTIFIER_SHAPES = {
  inn: /^(\d{10}|\d{12})$/,
  innOrganisation: /^\d{10}$/,
  innIndividual: /^\d{12}$/,
  // The first digit says what the record is: 1 or 5 for a legal entity's ОГРН, 3 for an ОГРНИП.
  ogrn: /^[15]\d{12}$/,
  ogrnip: /^3\d{14}$/,
  // Tax office (4 digits), reason for registration (2 digits or capital Latin letters), number (3 digits).
  kpp: /^\d{4}[\dA-Z]{2}\d{3}$/,
  snils: /^\d{11}$/,
} as const satisfies Record<string, RegExp>;

export type IdentifierName = keyof typeof IDENTIFIER_SHAPES;

function innOrganisation(value: string): boolean {
  return (
    IDENTIFIER_SHAPES.innOrganisation.test(value) &&
    weightedCheckDigit(value, INN_ORGANISATION_WEIGHTS) === Number(value[9])
  );
}

function innIndividual(value: string): boolean {
  return (
    IDENTIFIER_SHAPES.innIndividual.test(value) &&
    weightedCheckDigit(value, INN_INDIVIDUAL_WEIGHTS_11) === Number(value[10]) &&
    weightedCheckDigit(value, INN_INDIVIDUAL_WEIGHTS_12) === Number(value[11])
  );
}

/** СНИЛС numbers up to 001-001-998 were issued before the checksum existed: any last two digits. */
const SNILS_UNCHECKED_UP_TO = 1_001_998;

function snils(value: string): boolean {
  if (!IDENTIFIER_SHAPES.snils.test(value)) return false;
  if (Number(value.slice(0, 9)) <= SNILS_UNCHECKED_UP_TO) return true;
  const sum = [...value.slice(0, 9)].reduce((total, digit, i) => total + Number(digit) * (9 - i), 0);
  // Below 100 the sum is the checksum; 100 and 101 give 00; above, the remainder by 101 (100 → 00).
  const checksum = sum < 100 ? sum : (sum % 101) % 100;
  return checksum === Number(value.slice(9));
}

/** Every rule by name: true when the bare value is a valid identifier of that kind. */
export const IDENTIFIERS: Record<IdentifierName, (value: string) => boolean> = {
  inn: (value) => innOrganisation(value) || innIndividual(value),
  innOrganisation,
  innIndividual,
  ogrn: (value) =>
    IDENTIFIER_SHAPES.ogrn.test(value) && decimalModulo(value.slice(0, 12), 11) % 10 === Number(value[12]),
  ogrnip: (value) =>
    IDENTIFIER_SHAPES.ogrnip.test(value) && decimalModulo(value.slice(0, 14), 13) % 10 === Number(value[14]),
  kpp: (value) => IDENTIFIER_SHAPES.kpp.test(value),
  snils,
};

/** A КПП is a tax office and a reason code: nothing in it checks the rest. */
const WITHOUT_CHECK_DIGITS: readonly IdentifierName[] = ['kpp'];

/**
 * The i18n keys of one identifier's messages: `required`, `format` (length and characters) and,
 * when the identifier carries one, `check` (the check digits do not add up: «Некорректный ИНН»).
 */
export function identifierMessages(name: IdentifierName): {
  required: string;
  format: string;
  check?: string;
} {
  const base = `errors.identifiers.${name}`;
  return {
    required: `${base}.required`,
    format: `${base}.format`,
    ...(WITHOUT_CHECK_DIGITS.includes(name) ? {} : { check: `${base}.check` }),
  };
}

/** What people type around the digits (СНИЛС is printed 112-233-445 95); a КПП's letters are capitals. */
export function normaliseIdentifier(value: string): string {
  return value.replace(/[\s\u2010-\u2015-]/g, '').toUpperCase();
}

/**
 * The message key for a bare value that is not a valid identifier of this kind, or undefined when
 * it is: for a form whose rule depends on other answers (an ИНН of 10 or 12 digits by host type),
 * called from its `superRefine`.
 */
export function identifierIssue(name: IdentifierName, value: string): string | undefined {
  const messages = identifierMessages(name);
  if (value === '') return messages.required;
  if (!IDENTIFIER_SHAPES[name].test(value)) return messages.format;
  return IDENTIFIERS[name](value) ? undefined : (messages.check ?? messages.format);
}

/** A form field holding one identifier: normalised, then one message saying exactly what is wrong. */
export const identifierSchema = (name: IdentifierName) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? normaliseIdentifier(v) : v),
    z.string({ error: identifierMessages(name).required }).superRefine((value, ctx) => {
      const message = identifierIssue(name, value);
      if (message) ctx.addIssue({ code: 'custom', message });
    }),
  );
