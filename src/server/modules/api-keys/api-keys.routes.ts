import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { routeRateLimit } from '../../http/rate-limit.js';
import { requireHostActor } from '../../http/security.js';
import {
  apiKeyCreatedResponse,
  apiKeyCreateSchema,
  apiKeyListResponse,
  apiKeyRotateSchema,
  okResponse,
} from '../../../shared/schemas/index.js';
import * as keys from './api-keys.service.js';
import { recordId } from '../../../shared/schemas/fields.js';

const idParams = z.object({ id: recordId });

/** The entity cabinet's «API keys»: its administrator's, through the session (never a key). */
export function apiKeysRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/entity/api-keys',
      {
        schema: {
          tags: ['legal entities'],
          summary: 'The entity’s API keys, with when and from where each was last used',
          response: { 200: apiKeyListResponse },
        },
      },
      async (request) => keys.listKeys(ctx, requireHostActor(request)),
    );

    app.post(
      '/api/entity/api-keys',
      {
        config: routeRateLimit(ctx, 30, 10),
        schema: {
          tags: ['legal entities'],
          summary: 'A new key; its secret is in this answer only',
          body: apiKeyCreateSchema,
          response: { 201: apiKeyCreatedResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await keys.createKey(ctx, requireHostActor(request), request.body)),
    );

    app.post(
      '/api/entity/api-keys/:id/rotate',
      {
        config: routeRateLimit(ctx, 30, 10),
        schema: {
          tags: ['legal entities'],
          summary: 'A successor key (secret shown once); the old one works for the grace period',
          params: idParams,
          body: apiKeyRotateSchema,
          response: { 201: apiKeyCreatedResponse },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await keys.rotateKey(ctx, requireHostActor(request), request.params.id, request.body.graceHours),
          ),
    );

    app.post(
      '/api/entity/api-keys/:id/revoke',
      { schema: { tags: ['legal entities'], params: idParams, response: { 200: okResponse } } },
      async (request) => keys.revokeKey(ctx, requireHostActor(request), request.params.id),
    );
  };
}
