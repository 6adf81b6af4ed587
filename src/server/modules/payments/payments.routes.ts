import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import { requestLanguage } from '../../http/i18n.js';
import { routeRateLimit } from '../../http/rate-limit.js';
import { requireHost } from '../../http/security.js';
import { paymentResultResponse, paymentStartedResponse } from '../../../shared/schemas/index.js';
import { paymentResult, receiveCallback, resultPath, startPayment } from './payments.service.js';
import { recordId } from '../../../shared/schemas/fields.js';

const idParams = z.object({ id: recordId });
const orderParams = z.object({ orderId: z.string().regex(/^\d{4}-\d{6}-\d{1,4}$/) });

export function paymentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/registrations/:id/payment',
      {
        config: routeRateLimit(ctx, 30, 10),
        schema: {
          tags: ['payments'],
          summary: '«Оплатить»: the acquirer’s payment page for an application awaiting payment',
          params: idParams,
          response: { 200: paymentStartedResponse },
        },
      },
      async (request) => startPayment(ctx, requireHost(request), request.params.id, requestLanguage(request)),
    );

    app.get(
      '/api/payments/:orderId',
      {
        config: routeRateLimit(ctx, 120, 10),
        schema: {
          tags: ['payments'],
          summary: 'The outcome of a payment, when the payer comes back from the acquirer',
          params: orderParams,
          response: { 200: paymentResultResponse },
        },
      },
      async (request) => paymentResult(ctx, requireHost(request), request.params.orderId),
    );

    // The acquirer's server-to-server result: no session and no CSRF header, proven by its signature.
    await app.register(async (callbacks) => {
      for (const type of [
        'application/json',
        'application/x-www-form-urlencoded',
        'text/plain',
        'application/xml',
      ])
        callbacks.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 16 * 1024 }, (_r, body, done) =>
          done(null, body),
        );
      callbacks.post(
        '/api/payments/callback/:acquirer',
        {
          config: { csrf: false, ...routeRateLimit(ctx, 600, 1) },
          schema: { hide: true, params: z.object({ acquirer: z.string().max(40) }) },
        },
        async (request, reply) => {
          const params = request.params as { acquirer: string };
          if (resultPath(params.acquirer) !== resultPath(ctx.acquirer.name)) throw notFound();
          const answer = await receiveCallback(
            ctx,
            {
              headers: request.headers,
              rawBody: typeof request.body === 'string' ? request.body : '',
              contentType: request.headers['content-type'] ?? '',
              scriptName: params.acquirer,
            },
            request.log,
          );
          return reply.status(answer.status).type(answer.contentType).send(answer.body);
        },
      );
    });
  };
}
