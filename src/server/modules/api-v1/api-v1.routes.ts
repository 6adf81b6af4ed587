import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requestLanguage } from '../../http/i18n.js';
import { enforceLimit } from '../../http/rate-limit.js';
import {
  apiDocumentResponse,
  apiDocumentSchema,
  apiErrorResponse,
  apiGuestDoc,
  apiPlaces,
  apiRegistrationList,
  apiRegistrationListQuery,
  apiRegistrationView,
  applicationCreatedResponse,
  MAX_DOCUMENT_JSON_BYTES,
} from '../../../shared/schemas/index.js';
import { authenticateKey, requireScope, type KeyPrincipal } from '../api-keys/api-keys.service.js';
import { idempotencyHooks } from '../idempotency/idempotency.js';
import { listProperties } from '../properties/properties.service.js';
import { entityApplication, entityApplications } from '../registrations/entity-api.service.js';
import { storeRegistrationDocument } from '../registrations/registrations.service.js';
import { batchRoutes } from './batches.routes.js';
import { registerGuest } from './api-registrations.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key that authorised a /api/v1 request. */
    apiKey: KeyPrincipal | null;
  }
}

/** Every answer of the API may be one of these. */
export const apiErrors = {
  400: apiErrorResponse.describe('Bad input: every field’s problem at once, by field path'),
  401: apiErrorResponse.describe('key_missing, key_invalid, key_expired, key_revoked'),
  403: apiErrorResponse.describe('scope_missing, place_not_allowed'),
  404: apiErrorResponse,
  409: apiErrorResponse.describe('idempotency_in_progress, a taken externalReference'),
  422: apiErrorResponse.describe('idempotency_key_reused'),
  429: apiErrorResponse.describe(
    'rate_limited: too many requests with this key; Retry-After says when to retry',
  ),
};

const security = [{ apiKey: [] }];
/** Requests per key and minute, counted in PostgreSQL so that every process shares the limit. */
export const KEY_REQUESTS_PER_MINUTE = 600;
const headers = z.object({
  'idempotency-key': z
    .string()
    .max(255)
    .optional()
    .describe('Retries with the same key get the first answer'),
});

/** A guest's answers are checked by the form's own schema (in the service), not at the door. */
const bodyCheckedByService = (schema: { httpPart?: string; schema: unknown }) =>
  schema.httpPart === 'body'
    ? (data: unknown) => ({ value: data })
    : validatorCompiler(schema as Parameters<typeof validatorCompiler>[0]);

/**
 * The hotels' API: bearer keys only. No cookie is read and no CSRF asked (security.ts skips these
 * routes), so a browser session can never act here, and a key is no credential anywhere else.
 */
export function apiV1Routes(ctx: AppContext, batchWorker: { wake: () => void }): FastifyPluginAsyncZod {
  return async (app) => {
    const idempotency = idempotencyHooks(ctx.db);
    app.decorateRequest('apiKey', null);
    app.decorateRequest('idempotencyClaim', null);
    app.addHook('onRoute', (route) => {
      route.config = { ...route.config, apiKey: true, csrf: false };
      // Answers are kept as sent for idempotent replay; they are small.
      (route as { compress?: boolean }).compress = false;
    });
    app.addHook('onRequest', async (request) => {
      request.apiKey = await authenticateKey(ctx, {
        authorization: request.headers.authorization,
        address: request.ip,
        method: request.method,
        route: request.routeOptions.url ?? '',
      });
      await enforceLimit(ctx.db, {
        key: `api-key:${request.apiKey.keyId}`,
        max: KEY_REQUESTS_PER_MINUTE * ctx.rateLimitFactor,
        windowMs: 60_000,
      });
    });
    app.addHook('preHandler', async (request, reply) =>
      idempotency.preHandler(request, reply, request.apiKey!.keyId),
    );
    app.addHook('onSend', async (request, reply, payload) => idempotency.onSend(request, reply, payload));

    app.post(
      '/api/v1/registrations',
      {
        validatorCompiler: bodyCheckedByService,
        schema: {
          tags: ['api v1'],
          summary: 'Register one guest, with the form’s own rules (scope registrations:write)',
          description:
            'The same checks as the web form, every field’s problem at once with a stable key and a message in Accept-Language. For a fee-charging country the application then awaits payment.',
          security,
          headers,
          body: apiGuestDoc,
          response: { 201: applicationCreatedResponse, ...apiErrors },
        },
      },
      async (request, reply) => {
        const created = await registerGuest(ctx, request.apiKey!, request.body, {
          language: requestLanguage(request),
        });
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/v1/registrations/:number',
      {
        schema: {
          tags: ['api v1'],
          summary: 'One application by its number (scope registrations:read)',
          security,
          params: z.object({ number: z.string().regex(/^\d{4}-\d{6,}$/, 'errors.registration.notFound') }),
          response: { 200: apiRegistrationView, ...apiErrors },
        },
      },
      async (request) => {
        const key = request.apiKey!;
        requireScope(key, 'registrations:read');
        return entityApplication(ctx, key, { applicationNumber: request.params.number });
      },
    );

    app.get(
      '/api/v1/registrations/by-reference/:reference',
      {
        schema: {
          tags: ['api v1'],
          summary: 'One application by the entity’s own externalReference (scope registrations:read)',
          security,
          params: z.object({ reference: z.string().min(1).max(64) }),
          response: { 200: apiRegistrationView, ...apiErrors },
        },
      },
      async (request) => {
        const key = request.apiKey!;
        requireScope(key, 'registrations:read');
        return entityApplication(ctx, key, { externalReference: request.params.reference });
      },
    );

    app.get(
      '/api/v1/registrations',
      {
        schema: {
          tags: ['api v1'],
          summary: 'Applications made on the days from..to, oldest first, a page at a time by cursor',
          security,
          querystring: apiRegistrationListQuery,
          response: { 200: apiRegistrationList, ...apiErrors },
        },
      },
      async (request) => {
        const key = request.apiKey!;
        requireScope(key, 'registrations:read');
        return entityApplications(ctx, key, request.query);
      },
    );

    app.get(
      '/api/v1/places',
      {
        schema: {
          tags: ['api v1'],
          summary: 'The places this key may register guests at (their ids are the propertyId)',
          security,
          response: { 200: apiPlaces, ...apiErrors },
        },
      },
      async (request) => {
        const key = request.apiKey!;
        const places = await listProperties(ctx, key.hostId);
        return {
          items: places
            .filter((p) => !key.placeIds || key.placeIds.includes(p.id))
            .map((p) => ({ id: p.id, code: p.code || null, address: p.addressLine })),
        };
      },
    );

    app.post(
      '/api/v1/documents',
      {
        bodyLimit: MAX_DOCUMENT_JSON_BYTES,
        schema: {
          tags: ['api v1'],
          summary:
            'A guest’s passport page or photo (JPEG, PNG or PDF, ≤ 5 MB) as base64; its id goes in the guest',
          security,
          headers,
          body: apiDocumentSchema,
          response: { 201: apiDocumentResponse, ...apiErrors },
        },
      },
      async (request, reply) => {
        const key = request.apiKey!;
        requireScope(key, 'registrations:write');
        const body = Buffer.from(request.body.contentBase64, 'base64');
        const stored = await storeRegistrationDocument(ctx, key.hostId, request.body.kind, {
          body,
          truncated: false,
        });
        return reply.status(201).send(stored);
      },
    );

    await app.register(batchRoutes(ctx, batchWorker));
  };
}
