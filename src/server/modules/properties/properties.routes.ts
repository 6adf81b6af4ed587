import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { badRequest, fieldErrors } from '../../http/errors.js';
import { readMultipart } from '../../http/multipart.js';
import { routeRateLimit } from '../../http/rate-limit.js';
import { requireHost, requireOperator } from '../../http/security.js';
import {
  addPropertySchema,
  addressPlaceSchema,
  capacityChangeSchema,
  okResponse,
  propertiesResponse,
  propertyAddedResponse,
  propertyLookupResponse,
  propertyLookupSchema,
  propertyResponse,
  sharedPropertiesResponse,
} from '../../../shared/schemas/index.js';
import { sendDocument } from '../documents/documents.routes.js';
import * as properties from './properties.service.js';
import { recordId } from '../../../shared/schemas/fields.js';

const idParams = z.object({ id: recordId });
const entityParams = z.object({ hostId: recordId });
const entityPropertyParams = entityParams.merge(idParams);

/**
 * An add-place form: its fields checked by `schema`, the title document beside them. Read the same
 * way for a host and for an operator adding an entity's, by registry code or by address.
 */
async function readPlaceForm<S extends z.ZodType<Record<string, unknown>>>(
  request: FastifyRequest,
  schema: S,
  fields: number,
) {
  const form = await readMultipart(request, {
    files: 1,
    fields,
    fileField: 'scan',
    missingFileKey: 'errors.propertyScan.required',
  });
  const parsed = schema.safeParse(form.fields);
  if (!parsed.success) throw badRequest(fieldErrors(parsed.error));
  return { ...(parsed.data as z.output<S>), scan: form.files.scan };
}

const readAddPropertyForm = (ctx: AppContext, request: FastifyRequest) =>
  readPlaceForm(request, addPropertySchema(ctx.profile), 10);
const readAddressPlaceForm = (ctx: AppContext, request: FastifyRequest) =>
  readPlaceForm(request, addressPlaceSchema(ctx.profile), 20);

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
        // Hosts check their own; operators check a legal entity's before adding it.
        if (request.principal?.kind !== 'operator') requireHost(request);
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
            "Add a property: its code (or, where places are addresses, the address's parts and postal index), capacity, and the title document (multipart/form-data)",
          consumes: ['multipart/form-data'],
          response: { 201: propertyAddedResponse },
        },
      },
      async (request, reply) => {
        const hostId = requireHost(request);
        const added =
          ctx.profile.placeOfStay.kind === 'address'
            ? await properties.addAddressPlace(ctx, hostId, await readAddressPlaceForm(ctx, request))
            : await properties.addProperty(ctx, hostId, await readAddPropertyForm(ctx, request));
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

    // ---------- operators: a legal entity's properties (the entity cannot add its own) ----------

    app.get(
      '/api/operator/legal-entities/:hostId/properties',
      {
        schema: {
          tags: ['operator'],
          summary: 'A legal entity’s properties',
          params: entityParams,
          response: { 200: propertiesResponse },
        },
      },
      async (request) => {
        requireOperator(request);
        return { properties: await properties.listEntityProperties(ctx, request.params.hostId) };
      },
    );

    app.post(
      '/api/operator/legal-entities/:hostId/properties',
      {
        config: routeRateLimit(ctx, 60, 10),
        schema: {
          tags: ['operator'],
          summary:
            'Add a building to a legal entity: its code or address, capacity, its document (multipart/form-data, as a host’s)',
          consumes: ['multipart/form-data'],
          params: entityParams,
          response: { 201: propertyAddedResponse },
        },
      },
      async (request, reply) => {
        const operatorId = requireOperator(request);
        const { hostId } = request.params;
        const added =
          ctx.profile.placeOfStay.kind === 'address'
            ? await properties.addEntityAddressPlace(
                ctx,
                operatorId,
                hostId,
                await readAddressPlaceForm(ctx, request),
              )
            : await properties.addEntityProperty(
                ctx,
                operatorId,
                hostId,
                await readAddPropertyForm(ctx, request),
              );
        return reply.status(201).send(added);
      },
    );

    app.patch(
      '/api/operator/legal-entities/:hostId/properties/:id',
      {
        schema: {
          tags: ['operator'],
          summary: 'Change a legal entity’s property capacity (never below the people registered there)',
          params: entityPropertyParams,
          body: capacityChangeSchema,
          response: { 200: propertyResponse },
        },
      },
      async (request) =>
        properties.changeEntityPropertyCapacity(
          ctx,
          requireOperator(request),
          request.params.hostId,
          request.params.id,
          request.body.capacity,
        ),
    );

    app.delete(
      '/api/operator/legal-entities/:hostId/properties/:id',
      {
        schema: {
          tags: ['operator'],
          summary: 'Retire a legal entity’s property (refused while someone is registered there)',
          params: entityPropertyParams,
          response: { 200: okResponse },
        },
      },
      async (request) => {
        await properties.retireEntityProperty(
          ctx,
          requireOperator(request),
          request.params.hostId,
          request.params.id,
        );
        return { ok: true as const };
      },
    );

    app.get(
      '/api/operator/legal-entities/:hostId/properties/:id/scan',
      { schema: { tags: ['operator'], params: entityPropertyParams } },
      async (request, reply) => {
        const document = await properties.readEntityPropertyScan(
          ctx,
          requireOperator(request),
          request.params.hostId,
          request.params.id,
        );
        return sendDocument(reply, document);
      },
    );
  };
}
