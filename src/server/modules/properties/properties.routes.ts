import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { badRequest } from '../../http/errors.js';
import { readMultipart } from '../../http/multipart.js';
import { routeRateLimit } from '../../http/rate-limit.js';
import { requireHost, requireOperator } from '../../http/security.js';
import {
  addPropertySchema,
  okResponse,
  propertiesResponse,
  propertyAddedResponse,
  propertyLookupResponse,
  propertyLookupSchema,
  propertyResponse,
  sharedPropertiesResponse,
} from '../../../shared/schemas/index.js';
import { fieldErrors } from '../accounts/accounts.service.js';
import { sendDocument } from '../documents/documents.routes.js';
import * as properties from './properties.service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export function propertiesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/properties/lookup',
      {
        config: routeRateLimit(ctx, 60, 1),
        schema: {
          tags: ['properties'],
          summary: '«Проверить»: look a property code up in the registry',
          body: propertyLookupSchema(ctx.profile),
          response: { 200: propertyLookupResponse },
        },
      },
      async (request) => {
        requireHost(request);
        return properties.lookupProperty(ctx, request.body.code);
      },
    );

    app.get(
      '/api/operator/shared-properties',
      {
        schema: {
          tags: ['operator'],
          summary: 'Properties added by more than one host',
          response: { 200: sharedPropertiesResponse },
        },
      },
      async (request) => {
        requireOperator(request);
        return { properties: await properties.listSharedProperties(ctx) };
      },
    );

    app.get(
      '/api/properties',
      {
        schema: {
          tags: ['properties'],
          summary: 'Tab 2: the host’s properties',
          response: { 200: propertiesResponse },
        },
      },
      async (request) => ({
        properties: await properties.listProperties(ctx, requireHost(request)),
      }),
    );

    app.post(
      '/api/properties',
      {
        config: routeRateLimit(ctx, 30, 10),
        schema: {
          tags: ['properties'],
          summary:
            'Add a property: code, capacity, scan of the technical passport or sale contract (multipart/form-data)',
          consumes: ['multipart/form-data'],
          response: { 201: propertyAddedResponse },
        },
      },
      async (request, reply) => {
        const hostId = requireHost(request);
        const form = await readMultipart(request, {
          files: 1,
          fields: 10,
          fileField: 'scan',
          missingFileKey: 'errors.propertyScan.required',
        });
        const fields = form.fields;
        const scan = form.files.scan;
        const parsed = addPropertySchema(ctx.profile).safeParse(fields);
        if (!parsed.success) throw badRequest(fieldErrors(parsed.error));
        const added = await properties.addProperty(ctx, hostId, { ...parsed.data, scan });
        return reply.status(201).send(added);
      },
    );

    app.get(
      '/api/properties/:id',
      { schema: { tags: ['properties'], params: idParams, response: { 200: propertyResponse } } },
      async (request) => properties.getProperty(ctx, requireHost(request), request.params.id),
    );

    app.get(
      '/api/properties/:id/scan',
      { schema: { tags: ['properties'], params: idParams } },
      async (request, reply) => {
        const document = await properties.readPropertyScan(ctx, requireHost(request), request.params.id);
        return sendDocument(reply, document);
      },
    );

    app.delete(
      '/api/properties/:id',
      { schema: { tags: ['properties'], params: idParams, response: { 200: okResponse } } },
      async (request) => {
        await properties.removeProperty(ctx, requireHost(request), request.params.id);
        return { ok: true as const };
      },
    );
  };
}
