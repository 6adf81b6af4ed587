import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requestLanguage } from '../../http/i18n.js';
import {
  apiBatchAccepted,
  apiBatchView,
  apiErrorResponse,
  apiGuestDoc,
  MAX_BATCH_BYTES,
  MAX_BATCH_ROWS,
} from '../../../shared/schemas/index.js';
import { requireScope } from '../api-keys/api-keys.service.js';
import { acceptBatch, batchProgress, guestsOf } from './batches.service.js';
import { CSV_COLUMNS, readGuestsCsv } from './csv.js';

const security = [{ apiKey: [] }];
const errors = {
  400: apiErrorResponse.describe(
    'batch_empty, batch_too_many_rows, csv_encoding, csv_missing_column, csv_malformed, a bad guests array',
  ),
  401: apiErrorResponse,
  403: apiErrorResponse,
  413: apiErrorResponse.describe(`A body above ${MAX_BATCH_BYTES} bytes`),
  422: apiErrorResponse,
};

/** Batches: up to 1,000 guests as JSON or as a CSV file, worked through in the background. */
export function batchRoutes(ctx: AppContext, worker: { wake: () => void }): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(
      ['text/csv', 'application/csv'],
      { parseAs: 'buffer', bodyLimit: MAX_BATCH_BYTES },
      (_request, body, done) => done(null, body),
    );

    app.post(
      '/api/v1/batches',
      {
        bodyLimit: MAX_BATCH_BYTES,
        // Each guest is checked by the form's schema when its row is worked through.
        validatorCompiler: () => (data: unknown) => ({ value: data }),
        schema: {
          tags: ['api v1'],
          summary: `Up to ${MAX_BATCH_ROWS} guests in one request: JSON { guests: [...] } or a CSV file (text/csv)`,
          description: `202 at once; GET the batch for each row's result. CSV: UTF-8 (a BOM is fine), cells separated by ";" or ",", a header naming the columns: ${CSV_COLUMNS.join(', ')} (externalReference, patronymic and email may be left out; the deployment's own form fields may follow). A row's errors name its column.`,
          security,
          headers: z.object({ 'idempotency-key': z.string().max(255).optional() }),
          body: z.object({ guests: z.array(apiGuestDoc).max(MAX_BATCH_ROWS) }),
          response: { 202: apiBatchAccepted, ...errors },
        },
      },
      async (request, reply) => {
        const key = request.apiKey!;
        requireScope(key, 'registrations:write');
        const language = requestLanguage(request);
        const accepted = Buffer.isBuffer(request.body)
          ? await acceptBatch(ctx, key, {
              source: 'csv',
              ...readGuestsCsv(request.body, MAX_BATCH_ROWS),
              language,
            })
          : await acceptBatch(ctx, key, { source: 'json', guests: guestsOf(request.body), language });
        worker.wake();
        return reply.status(202).header('location', `/api/v1/batches/${accepted.id}`).send(accepted);
      },
    );

    app.get(
      '/api/v1/batches/:id',
      {
        schema: {
          tags: ['api v1'],
          summary:
            'A batch’s progress and each row’s result: accepted with its application number, or its errors',
          security,
          params: z.object({ id: z.uuid({ error: 'errors.api.batchNotFound' }) }),
          response: {
            200: apiBatchView,
            401: apiErrorResponse,
            403: apiErrorResponse,
            404: apiErrorResponse,
          },
        },
      },
      async (request) => {
        const key = request.apiKey!;
        requireScope(key, 'registrations:write');
        return batchProgress(ctx, key, request.params.id, requestLanguage(request));
      },
    );
  };
}
