import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import {
  healthDownResponse,
  healthResponse,
  metaResponse,
  statusCheckResponse,
  statusCheckSchema,
} from '../../../shared/schemas/index.js';
import { findStatus } from '../registrations/status-check.service.js';
import { databaseAnswers } from './public.repo.js';

export function publicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          tags: ['public'],
          response: { 200: healthResponse, 503: healthDownResponse },
        },
      },
      async (_request, reply) => {
        if (await databaseAnswers(ctx.db)) return { status: 'ok' as const, database: 'up' as const };
        return reply.status(503).send({ status: 'unavailable', database: 'down' });
      },
    );

    app.get(
      '/api/meta',
      {
        schema: {
          tags: ['public'],
          summary: 'The country profile this Konok serves',
          response: { 200: metaResponse },
        },
      },
      async () => ({
        profile: ctx.profile.code,
        languages: [...ctx.profile.languages],
        contacts: ctx.profile.contacts,
      }),
    );

    app.post(
      '/api/public/status',
      {
        // Counted against a limit all processes share, in the service (see findStatus).
        config: { rateLimit: false },
        schema: {
          tags: ['public'],
          summary: 'Status of a registration by its number and the foreigner’s passport number',
          body: statusCheckSchema,
          response: { 200: statusCheckResponse },
        },
      },
      async (request) => {
        const found = await findStatus(ctx, request.body, request.ip);
        if (!found) throw notFound('errors.status.notFound');
        return found;
      },
    );
  };
}
