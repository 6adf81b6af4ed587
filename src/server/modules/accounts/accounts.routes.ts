import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { issueChallenge } from '../../http/captcha.js';
import { readMultipart } from '../../http/multipart.js';
import { routeRateLimit } from '../../http/rate-limit.js';
import { requestLanguage } from '../../http/i18n.js';
import {
  SESSION_COOKIE,
  cookieOptions,
  requireHost,
  requireHostActor,
  requireOperator,
  startSession,
} from '../../http/security.js';
import {
  accountResponse,
  loginMoreResponse,
  activationResponse,
  activationSchema,
  captchaChallengeResponse,
  loginResponse,
  okResponse,
  operatorResponse,
  phoneChangedResponse,
  phoneChangeResponse,
  recentHostsResponse,
  sessionResponse,
  signupPendingResponse,
  signupTicketResponse,
  staffPasswordSetResponse,
  changePasswordSchema,
  changePhoneSchema,
  confirmPhoneSchema,
  loginSchema,
  passwordResetRequestSchema,
  passwordResetSchema,
  recoverPinSchema,
  signupStartSchema,
  staffPasswordSchema,
} from '../../../shared/schemas/index.js';
import { deleteSession } from './accounts.repo.js';
import * as accounts from './accounts.service.js';
import * as credentials from './credentials.service.js';
import { login } from './login.service.js';
import * as signup from './signup.service.js';

const ACTIVATION_COOKIE = 'konok_activation';
const ok = okResponse;

/** Reads the signup form: text fields and the two files, each cut off past the size limit. */
async function readSignupForm(request: FastifyRequest) {
  const form = await readMultipart(request, {
    files: 2,
    fields: 40,
    fileField: 'passportFile',
    missingFileKey: 'errors.file.required',
  });
  const fields: Record<string, unknown> = { ...form.fields };
  for (const name of ['mrzFields', 'mrzChangedFields'])
    if (name in fields) fields[name] = String(fields[name]).split(',').filter(Boolean);
  return { fields, files: form.files };
}

export function accountsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const rateLimit = (max: number, minutes: number) => routeRateLimit(ctx, max, minutes);
  const activationCookie = (reply: FastifyReply, handle: string) =>
    reply.setCookie(ACTIVATION_COOKIE, handle, { ...cookieOptions(ctx.secureCookies), maxAge: 24 * 3600 });

  return async (app) => {
    app.get(
      '/api/captcha/challenge',
      {
        schema: {
          tags: ['signup'],
          summary: 'A proof-of-work security check (ALTCHA)',
          response: { 200: captchaChallengeResponse },
        },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'no-store');
        return issueChallenge(ctx.captcha);
      },
    );

    app.post(
      '/api/signup/start',
      {
        config: rateLimit(20, 10),
        schema: {
          tags: ['signup'],
          summary: 'Step 1: subject type, consent and the security check',
          body: signupStartSchema(ctx.profile),
          response: { 200: signupTicketResponse },
        },
      },
      async (request) => signup.startSignup(ctx, request.body),
    );

    app.post(
      '/api/signup',
      {
        config: rateLimit(20, 10),
        schema: {
          tags: ['signup'],
          summary: 'Step 2: the host’s data, passport page and photo (multipart/form-data)',
          consumes: ['multipart/form-data'],
          response: { 201: signupPendingResponse },
        },
      },
      async (request, reply) => {
        const { fields, files } = await readSignupForm(request);
        const { ticket, ...details } = fields;
        const pending = await signup.completeSignup(ctx, {
          fields: details,
          ticket,
          passport: files.passportFile,
          photo: files.photo,
          language: requestLanguage(request),
        });
        activationCookie(reply, pending.handle);
        return reply.status(201).send({ expiresAt: pending.expiresAt.toISOString() });
      },
    );

    app.get(
      '/api/signup/activation',
      {
        schema: {
          tags: ['signup'],
          summary: 'Where the activation code went and until when it is valid',
          response: { 200: activationResponse },
        },
      },
      async (request) => signup.getActivation(ctx, request.cookies[ACTIVATION_COOKIE]),
    );

    app.post(
      '/api/signup/activate',
      {
        config: rateLimit(30, 10),
        schema: { tags: ['signup'], body: activationSchema, response: { 200: ok } },
      },
      async (request, reply) => {
        await signup.activate(ctx, request.cookies[ACTIVATION_COOKIE], request.body.code);
        reply.clearCookie(ACTIVATION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.post(
      '/api/signup/resend',
      {
        config: rateLimit(10, 10),
        schema: { tags: ['signup'], response: { 200: signupPendingResponse } },
      },
      async (request, reply) => {
        const pending = await signup.resendActivation(ctx, request.cookies[ACTIVATION_COOKIE]);
        activationCookie(reply, pending.handle);
        return { expiresAt: pending.expiresAt.toISOString() };
      },
    );

    app.post(
      '/api/login',
      {
        config: rateLimit(20, 5),
        schema: {
          tags: ['session'],
          body: loginSchema,
          response: { 200: loginResponse, 409: loginMoreResponse },
        },
      },
      async (request, reply) => {
        const result = await login(ctx, request.body);
        if (result.kind === 'activation_required') {
          activationCookie(reply, result.activation.handle);
          return reply.status(409).send({ code: 'activation_required' as const });
        }
        if (result.kind === 'one_time_code_required') return reply.status(409).send({ code: result.kind });
        if (result.kind === 'enrolment_required')
          return reply.status(409).send({ code: result.kind, enrolment: result.enrolment });
        await startSession(ctx.db, reply, {
          codeKey: ctx.secrets.codeKey,
          secureCookies: ctx.secureCookies,
          principal: result,
          previousTokenHash: request.sessionTokenHash,
        });
        return {
          role: result.kind,
          recoveryCodes: result.kind === 'operator' ? result.recoveryCodes : undefined,
        };
      },
    );

    app.post(
      '/api/logout',
      { schema: { tags: ['session'], response: { 200: ok } } },
      async (request, reply) => {
        if (request.sessionTokenHash) await deleteSession(ctx.db, request.sessionTokenHash);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/session',
      {
        schema: {
          tags: ['session'],
          summary: 'Who is logged in, and the CSRF token',
          response: { 200: sessionResponse },
        },
      },
      async (request) => ({ user: await accounts.sessionUser(ctx, request.principal) }),
    );

    app.get(
      '/api/account',
      {
        schema: { tags: ['cabinet'], summary: 'Tab 1: the host’s data', response: { 200: accountResponse } },
      },
      async (request) => accounts.getHostProfile(ctx, requireHost(request)),
    );

    app.post(
      '/api/account/phone',
      {
        config: rateLimit(10, 10),
        schema: {
          tags: ['cabinet'],
          body: changePhoneSchema(ctx.profile),
          response: { 200: phoneChangeResponse },
        },
      },
      async (request) => accounts.requestPhoneChange(ctx, requireHost(request), request.body.phone),
    );

    app.post(
      '/api/account/phone/confirm',
      {
        config: rateLimit(20, 10),
        schema: { tags: ['cabinet'], body: confirmPhoneSchema, response: { 200: phoneChangedResponse } },
      },
      async (request) => accounts.confirmPhoneChange(ctx, requireHost(request), request.body.code),
    );

    app.post(
      '/api/account/password',
      {
        config: rateLimit(10, 10),
        schema: { tags: ['cabinet'], body: changePasswordSchema, response: { 200: ok } },
      },
      async (request) => {
        // A legal entity's staff member changes their own password, not the entity's.
        await credentials.changePassword(
          ctx,
          requireHostActor(request),
          request.body,
          request.sessionTokenHash,
        );
        return { ok: true as const };
      },
    );

    app.post(
      '/api/account/pin/recover',
      {
        config: rateLimit(5, 10),
        schema: { tags: ['cabinet'], body: recoverPinSchema, response: { 200: ok } },
      },
      async (request) => {
        await credentials.recoverPin(ctx, requireHostActor(request), request.body.currentPassword);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/password-reset/request',
      {
        config: rateLimit(5, 10),
        schema: { tags: ['recovery'], body: passwordResetRequestSchema, response: { 202: ok } },
      },
      async (request, reply) => {
        // A person gets a code; a legal entity's staff member a link to set a new password.
        await credentials.requestPasswordReset(ctx, request.body.email);
        return reply.status(202).send({ ok: true as const });
      },
    );

    app.post(
      '/api/password-reset',
      {
        config: rateLimit(10, 10),
        schema: { tags: ['recovery'], body: passwordResetSchema, response: { 200: ok } },
      },
      async (request) => {
        await credentials.resetPassword(ctx, request.body);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/legal-entities/set-password',
      {
        config: rateLimit(20, 10),
        schema: {
          tags: ['legal entities'],
          summary:
            'The e-mailed single-use link: a staff member sets their password (the token from the link)',
          body: staffPasswordSchema,
          response: { 200: staffPasswordSetResponse },
        },
      },
      async (request) => credentials.setPasswordFromLink(ctx, request.body),
    );

    app.get(
      '/api/operator/me',
      { schema: { tags: ['operator'], response: { 200: operatorResponse } } },
      async (request) => accounts.getOperator(ctx, requireOperator(request)),
    );

    app.get(
      '/api/operator/hosts',
      {
        schema: {
          tags: ['operator'],
          summary: 'Recently opened cabinets',
          response: { 200: recentHostsResponse },
        },
      },
      async (request) => ({
        hosts: await accounts.listRecentHosts(ctx, requireOperator(request)),
      }),
    );
  };
}
