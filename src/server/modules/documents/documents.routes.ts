import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { z } from 'zod';
import { AppError, badRequest, notFound, unauthorized } from '../../http/errors.js';
import { readMultipart } from '../../http/multipart.js';
import { routeRateLimit } from '../../http/rate-limit.js';
import { mrzResponse, UPLOAD_MEDIA_TYPES } from '../../../shared/schemas/index.js';
import { readTicket } from '../../http/signup-ticket.js';
import { checkUpload, limitMrzReads, readDocument, type DocumentReader } from './documents.service.js';
import { MrzBusyError } from './mrz/mrz-pool.js';
import { toMrzResponse } from './mrz/mrz-response.js';
import { recordId } from '../../../shared/schemas/fields.js';

/** A stored file to the browser: shown inline, never cached by anyone in between. */
export function sendDocument(reply: FastifyReply, document: { mediaType: string; body: Buffer }) {
  return reply
    .type(document.mediaType)
    .header('cache-control', 'private, no-store')
    .header('content-disposition', 'inline')
    .send(document.body);
}

const principalId = (principal: NonNullable<FastifyRequest['principal']>) =>
  principal.kind === 'host' ? principal.hostId : principal.operatorId;

export function documentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/documents/:id',
      {
        schema: {
          tags: ['documents'],
          summary: 'An uploaded file: for its owner and for operators only',
          params: z.object({ id: recordId }),
        },
      },
      async (request, reply) => {
        const principal = request.principal;
        if (!principal) throw unauthorized();
        const reader: DocumentReader =
          principal.kind === 'operator'
            ? { kind: 'operator', operatorId: principal.operatorId }
            : { kind: 'host', hostId: principal.hostId };
        const document = await readDocument(ctx, request.params.id, reader);
        if (!document) throw notFound();
        return sendDocument(reply, document);
      },
    );

    app.post(
      '/api/documents/mrz',
      {
        config: routeRateLimit(ctx, 20, 1),
        schema: {
          tags: ['documents'],
          summary:
            'Read the machine-readable zone of a passport page (multipart field "file"; during signup also "ticket")',
          consumes: ['multipart/form-data'],
          response: { 200: mrzResponse },
        },
      },
      async (request, reply) => {
        const form = await readMultipart(request, {
          files: 1,
          fields: 5,
          fileField: 'file',
          missingFileKey: 'errors.passportFile.required',
        });
        const file = Object.values(form.files)[0];
        const ticket = form.fields.ticket;
        // For a logged-in host, or for someone in the middle of opening a cabinet.
        const signupTicket = request.principal ? undefined : readTicket(ctx.secrets.challengeKey, ticket);
        if (!request.principal && !signupTicket) throw unauthorized();
        // Each read can hold an OCR worker for seconds: a ticket (one proof-of-work) buys a few.
        await limitMrzReads(ctx, {
          who: signupTicket
            ? `ticket:${signupTicket.id}`
            : `principal:${request.principal!.kind}:${principalId(request.principal!)}`,
          ip: request.ip,
        });
        const checked = await checkUpload(file, UPLOAD_MEDIA_TYPES);
        if ('problem' in checked) {
          throw badRequest({
            file:
              checked.problem === 'errors.file.required' ? 'errors.passportFile.required' : checked.problem,
          });
        }
        try {
          const reading = await ctx.mrzPool().read(file!.body);
          return toMrzResponse(reading);
        } catch (error) {
          if (error instanceof MrzBusyError) {
            reply.header('retry-after', error.retryAfterSeconds);
            throw new AppError({
              status: 503,
              code: 'busy',
              messageKey: 'errors.mrz.busy',
              details: { seconds: error.retryAfterSeconds },
            });
          }
          throw error;
        }
      },
    );
  };
}
