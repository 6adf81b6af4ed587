import { CORE_FIELDS } from './core.js';
import type { Answers, FormDeclaration } from './form.js';

/** The most the answers beyond the core may weigh once written out: a few dozen short answers. */
export const MAX_STORED_ANSWERS_LENGTH = 8_000;

const CORE: readonly string[] = CORE_FIELDS;

/**
 * The answers a form declares beyond the core columns, as checked: what is stored, encrypted, as
 * one JSON. Only declared fields, only those given; undefined when there are none (a form with
 * nothing beyond the core stores nothing).
 */
export function answersBeyondCore(form: FormDeclaration, answers: Answers): Answers | undefined {
  const kept = form.fields
    .filter((field) => !CORE.includes(field.name))
    .map((field) => [field.name, answers[field.name]] as const)
    .filter(([, value]) => value !== undefined && value !== null && value !== '');
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
