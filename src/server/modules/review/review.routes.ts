import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requestLanguage } from '../../http/i18n.js';
import { routeRateLimit } from '../../http/rate-limit.js';
import { requireOperator } from '../../http/security.js';
import {
  attachmentRejectedResponse,
  attachmentRejectionSchema,
  claimResponse,
  decisionResponse,
  messageThreadResponse,
  registrationDecisionSchema,
  releaseResponse,
  reviewQueueQuerySchema,
  reviewApplicationResponse,
  reviewQueueResponse,
} from '../../../shared/schemas/index.js';
import {
  applicationForReview,
  claimApplication,
  decide,
  rejectAttachment,
  releaseApplication,
  reviewQueue,
} from './review.service.js';
import { messageThread } from '../registrations/messages.service.js';
import { recordId } from '../../../shared/schemas/fields.js';

const idParams = z.object({ id: recordId });

/** The operators' queue and decisions (operators only: a host gets 403). */
export function reviewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/operator/queue',
      {
        config: routeRateLimit(ctx, 600, 10),
        schema: {
          tags: ['operator'],
          summary: 'Submitted applications by deadline (one working day), with who holds each',
          querystring: reviewQueueQuerySchema,
          response: { 200: reviewQueueResponse },
        },
      },
      async (request) => ({ items: await reviewQueue(ctx, requireOperator(request), request.query) }),
    );

    app.get(
      '/api/operator/applications/:id',
      {
        config: routeRateLimit(ctx, 600, 10),
        schema: {
          tags: ['operator'],
          summary: 'One application: data, documents, MRZ overrides, host, property, history (audited)',
          params: idParams,
          response: { 200: reviewApplicationResponse },
        },
      },
      async (request) =>
        applicationForReview(ctx, requireOperator(request), request.params.id, requestLanguage(request)),
    );

    app.get(
      '/api/operator/applications/:id/messages',
      {
        config: routeRateLimit(ctx, 600, 10),
        schema: {
          tags: ['operator'],
          summary: '«Сообщения» of one application: the requests for documents and the answers, oldest first',
          params: idParams,
          response: { 200: messageThreadResponse },
        },
      },
      async (request) => {
        requireOperator(request);
        return messageThread(ctx, request.params.id);
      },
    );

    app.post(
      '/api/operator/applications/:id/claim',
      {
        config: routeRateLimit(ctx, 300, 10),
        schema: {
          tags: ['operator'],
          summary: 'Take an application',
          params: idParams,
          response: { 200: claimResponse },
        },
      },
      async (request) => claimApplication(ctx, requireOperator(request), request.params.id),
    );

    app.post(
      '/api/operator/applications/:id/release',
      {
        config: routeRateLimit(ctx, 300, 10),
        schema: {
          tags: ['operator'],
          summary: 'Give a taken application back to the queue',
          params: idParams,
          response: { 200: releaseResponse },
        },
      },
      async (request) => releaseApplication(ctx, requireOperator(request), request.params.id),
    );

    app.post(
      '/api/operator/applications/:id/decision',
      {
        config: routeRateLimit(ctx, 300, 10),
        schema: {
          tags: ['operator'],
          summary: 'Approve, reject with a reason, or request documents',
          params: idParams,
          body: registrationDecisionSchema(ctx.profile),
          response: { 200: decisionResponse },
        },
      },
      async (request) => decide(ctx, requireOperator(request), request.params.id, request.body),
    );

    app.post(
      '/api/operator/applications/:id/attachments/:documentId/reject',
      {
        config: routeRateLimit(ctx, 300, 10),
        schema: {
          tags: ['operator'],
          summary: 'Mark one checklist file not accepted, with the reason the host reads (status unchanged)',
          params: idParams.extend({ documentId: idParams.shape.id }),
          body: attachmentRejectionSchema,
          response: { 200: attachmentRejectedResponse },
        },
      },
      async (request) =>
        rejectAttachment(ctx, requireOperator(request), {
          registrationId: request.params.id,
          documentId: request.params.documentId,
          reason: request.body.reason,
        }),
    );
  };
}
