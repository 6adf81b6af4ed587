import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { constantTimeEqual, keyedHash, randomToken } from '../security/crypto.js';
import type { Db } from '../db/database.js';
import { AppError, forbidden, unauthorized } from './errors.js';
import { deleteSession, findLiveSession, insertSession } from './sessions.repo.js';

export const SESSION_COOKIE = 'konok_session';
export const CSRF_COOKIE = 'konok_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_HOURS = 12;

/** A host's session; for a legal entity, `staffId` says which of its staff signed in. */
export type Principal =
  { kind: 'host'; hostId: number; staffId?: number } | { kind: 'operator'; operatorId: number };

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    sessionTokenHash: string | null;
  }
  interface FastifyContextConfig {
    /** false: no CSRF header asked (server-to-server routes that prove themselves otherwise). */
    csrf?: boolean;
    /**
     * true: a route of the hotels' API. It knows no cookie: no session is read and no CSRF asked
     * or set; the API key in the Authorization header is its only credential.
     */
    apiKey?: boolean;
  }
}

export interface SecurityOptions {
  db: Db;
  codeKey: Buffer;
  secureCookies: boolean;
}

export function cookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
}

export const sessionHash = (codeKey: Buffer, token: string) => keyedHash(codeKey, `session:${token}`);

/**
 * Sessions (random token in an HttpOnly cookie, only its HMAC stored) and CSRF
 * protection (double submit: a readable cookie echoed in a header, which a
 * cross-site page can neither read nor set).
 */
export const securityPlugin = fp(async (app: FastifyInstance, options: SecurityOptions) => {
  const { db, codeKey, secureCookies } = options;
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionTokenHash', null);

  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.apiKey === true) return;
    if (!request.cookies[CSRF_COOKIE]) {
      const token = randomToken(24);
      request.cookies[CSRF_COOKIE] = token;
      reply.setCookie(CSRF_COOKIE, token, {
        path: '/',
        httpOnly: false,
        sameSite: 'strict',
        secure: secureCookies,
      });
    }
    // Before the body is even parsed: a forged cross-site request gets no further.
    // Server-to-server routes (an acquirer's signed callback) say `config: { csrf: false }`:
    // they carry no cookies and prove themselves by signature.
    const csrfExempt = request.routeOptions.config?.csrf === false;
    if (!csrfExempt && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      const header = request.headers[CSRF_HEADER];
      const sent = typeof header === 'string' ? header : '';
      if (sent.length === 0 || !constantTimeEqual(sent, request.cookies[CSRF_COOKIE] ?? '')) {
        throw new AppError({ status: 403, code: 'csrf', messageKey: 'errors.csrf' });
      }
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const tokenHash = sessionHash(codeKey, token);
      const session = await findLiveSession(db, tokenHash);
      if (session) {
        request.sessionTokenHash = tokenHash;
        request.principal =
          session.host_id !== null
            ? {
                kind: 'host',
                hostId: session.host_id,
                ...(session.staff_id ? { staffId: session.staff_id } : {}),
              }
            : { kind: 'operator', operatorId: session.operator_id! };
      }
    }
  });
});

export async function startSession(
  db: Db,
  reply: FastifyReply,
  options: {
    codeKey: Buffer;
    secureCookies: boolean;
    principal: Principal;
    previousTokenHash?: string | null;
  },
): Promise<void> {
  const token = randomToken();
  // Rotation: whatever session the browser had before logging in ends here.
  if (options.previousTokenHash) await deleteSession(db, options.previousTokenHash);
  await insertSession(db, {
    tokenHash: sessionHash(options.codeKey, token),
    hostId: options.principal.kind === 'host' ? options.principal.hostId : null,
    operatorId: options.principal.kind === 'operator' ? options.principal.operatorId : null,
    staffId: options.principal.kind === 'host' ? (options.principal.staffId ?? null) : null,
    expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
  });
  reply.setCookie(SESSION_COOKIE, token, {
    ...cookieOptions(options.secureCookies),
    maxAge: SESSION_HOURS * 3600,
  });
}

/** A host's own pages: 401 with no session, 403 for an operator's. */
export function requireHost(request: FastifyRequest): number {
  if (!request.principal) throw unauthorized();
  if (request.principal.kind !== 'host') throw forbidden();
  return request.principal.hostId;
}

/** A host's page that acts in someone's name: the host, and which staff member when it is an entity. */
export function requireHostActor(request: FastifyRequest): { hostId: number; staffId?: number } {
  const hostId = requireHost(request);
  const principal = request.principal as { staffId?: number };
  return principal.staffId ? { hostId, staffId: principal.staffId } : { hostId };
}

/** The operators' pages: 401 with no session, 403 for a host's. */
export function requireOperator(request: FastifyRequest): number {
  if (!request.principal) throw unauthorized();
  if (request.principal.kind !== 'operator') throw forbidden();
  return request.principal.operatorId;
}
