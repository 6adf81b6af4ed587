import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { routeRateLimit } from '../../http/rate-limit.js';
import { requireHost } from '../../http/security.js';
import { cardKeySetResponse } from '../../../shared/schemas/index.js';
import * as cards from './cards.service.js';
import { recordId } from '../../../shared/schemas/fields.js';

const idParams = z.object({ id: recordId });
const sealBody = z.object({
  seal: z.string().min(1, 'errors.card.notFound').max(400, 'errors.card.notFound'),
});

export function cardsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/registrations/:id/card.pdf',
      {
        config: routeRateLimit(ctx, 60, 10),
        schema: {
          tags: ['cards'],
          summary:
            '«Распечатать талон»: the document of an approved registration (PDF), in the profile’s layout',
          params: idParams,
        },
      },
      async (request, reply) => {
        const { pdf, fileName } = await cards.hostCardPdf(ctx, requireHost(request), request.params.id);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    );

    app.get(
      '/.well-known/konok-card-keys.json',
      {
        schema: {
          tags: ['cards'],
          summary: 'The public keys that verify card seals (a JWK set)',
          response: { 200: cardKeySetResponse },
        },
      },
      async (_request, reply) =>
        reply.header('cache-control', 'public, max-age=300').send(cards.cardKeySet(ctx)),
    );

    app.get(
      '/.well-known/konok-card-revocations.jws',
      {
        schema: {
          tags: ['cards'],
          summary: 'The signed list of revoked cards (compact JWS, ES256, a key of the JWK set)',
        },
      },
      async (_request, reply) =>
        reply
          .type('application/jose')
          .header('cache-control', 'public, max-age=60')
          .send(await cards.revocationList(ctx)),
    );

    app.post(
      '/api/public/cards/photo',
      {
        // The verification page is not the app: no session, no CSRF cookie. Reading only.
        config: { csrf: false, ...routeRateLimit(ctx, 60, 1) },
        schema: {
          tags: ['cards'],
          summary: 'The photo of a valid card, for whoever holds its genuine seal',
          body: sealBody,
        },
      },
      async (request, reply) => {
        const photo = await cards.cardPhoto(ctx, request.body.seal);
        return reply.type(photo.mediaType).header('cache-control', 'private, max-age=3600').send(photo.body);
      },
    );
  };
}
