import crypto from 'node:crypto';
import type { AppContext } from '../context.js';
import { constantTimeEqual, keyedHash } from '../security/crypto.js';
import { verifyCaptcha } from './captcha.js';
import { badRequest } from './errors.js';

/** Hours a passed security check and the consent it carries stay good for the form's next step. */
export const TICKET_HOURS = 2;

/**
 * The security check passed and consent given, signed, for the step after it: a person's signup,
 * a legal entity's application, and the passport reading someone does in the middle of either.
 */
export interface Ticket {
  id: string;
  subjectType: string;
  consentAt: string;
  exp: number;
}

export function signTicket(key: Buffer, ticket: Ticket): string {
  const body = Buffer.from(JSON.stringify(ticket)).toString('base64url');
  return `${body}.${keyedHash(key, `ticket:${body}`)}`;
}

/** The ticket, if the signature holds and it has not run out; undefined for anything else. */
export function readTicket(key: Buffer, value: unknown): Ticket | undefined {
  if (typeof value !== 'string') return undefined;
  const [body, signature] = value.split('.');
  if (!body || !signature || !constantTimeEqual(signature, keyedHash(key, `ticket:${body}`)))
    return undefined;
  try {
    const ticket = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Ticket;
    return ticket.exp > Date.now() ? ticket : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The security check passed and consent given, as a signed ticket for the form's next step
 * (signup, or a legal entity's application), good for a few hours and once.
 */
export async function captchaTicket(ctx: AppContext, captcha: string, subjectType: string): Promise<string> {
  const result = await verifyCaptcha(ctx.db, {
    ...ctx.captcha,
    key: ctx.secrets.challengeKey,
    payload: captcha,
  });
  if (result !== 'ok')
    throw badRequest({
      captcha: result === 'replayed' ? 'errors.captcha.replayed' : 'errors.captcha.invalid',
    });
  const ticket: Ticket = {
    id: crypto.randomUUID(),
    subjectType,
    consentAt: new Date().toISOString(),
    exp: Date.now() + TICKET_HOURS * 3600_000,
  };
  return signTicket(ctx.secrets.challengeKey, ticket);
}
