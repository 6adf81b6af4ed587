import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import { requestLanguage } from '../../http/i18n.js';
import { readMultipart } from '../../http/multipart.js';
import { routeRateLimit } from '../../http/rate-limit.js';
import { requireHostActor, requireOperator } from '../../http/security.js';
import {
  claimResponse,
  entityAppliedResponse,
  entityApplicantResponse,
  entityApplicationAccessSchema,
  entityDecisionSchema,
  entityListResponse,
  entityQueueResponse,
  entityResubmittedResponse,
  entityReviewResponse,
  entityStatusResponse,
  entityTicketResponse,
  MAX_ENTITY_PROPERTIES,
  staffInviteSchema,
  staffInvitedResponse,
  staffListResponse,
  entityProfileResponse,
  okResponse,
} from '../../../shared/schemas/index.js';
import * as applications from './entity-applications.service.js';
import { approveEntityApplication, listEntities } from './entity-onboarding.service.js';
import * as review from './entity-review.service.js';
import * as staff from './entity-staff.service.js';
import { recordId } from '../../../shared/schemas/fields.js';

const idParams = z.object({ id: recordId });
const documentParams = idParams.extend({
  documentId: recordId,
});

export function legalEntitiesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/legal-entities/start',
      {
        config: routeRateLimit(ctx, 20, 10),
        schema: {
          tags: ['legal entities'],
          summary: 'Before the application: consent and the security check (as signup)',
          body: z.object({
            acceptTerms: z.literal(true, { error: 'errors.acceptTerms.required' }),
            captcha: z.string({ error: 'errors.captcha.required' }).min(1, 'errors.captcha.required'),
          }),
          response: { 200: entityTicketResponse },
        },
      },
      async (request) => applications.startEntityApplication(ctx, request.body.captcha),
    );

    app.post(
      '/api/legal-entities/applications',
      {
        config: routeRateLimit(ctx, 20, 10),
        schema: {
          tags: ['legal entities'],
          summary:
            '«Юридическим лицам»: the letter’s data (properties as JSON) and every document, each its own file field (multipart/form-data)',
          consumes: ['multipart/form-data'],
          response: { 201: entityAppliedResponse },
        },
      },
      async (request, reply) => {
        const form = await readMultipart(request, {
          files: 3 + 2 * MAX_ENTITY_PROPERTIES,
          fields: 30,
          fileField: 'certificate',
          missingFileKey: 'errors.file.required',
        });
        const { ticket, ...fields } = form.fields;
        const { number, token, link } = await applications.submitEntityApplication(ctx, {
          fields,
          files: form.files,
          ticket,
          language: requestLanguage(request),
        });
        return reply.status(201).send({ number, token, link });
      },
    );

    app.post(
      '/api/legal-entities/applications/view',
      {
        // The number and token come in the body: the link's fragment, never a URL the server logs.
        config: routeRateLimit(ctx, 60, 10),
        schema: {
          tags: ['legal entities'],
          summary: 'The applicant’s private page: status and what the operator asks',
          body: entityApplicationAccessSchema,
          response: { 200: entityApplicantResponse },
        },
      },
      async (request) => applications.applicationForApplicant(ctx, request.body),
    );

    app.post(
      '/api/legal-entities/applications/resubmit',
      {
        config: routeRateLimit(ctx, 30, 10),
        schema: {
          tags: ['legal entities'],
          summary: 'Answer a request for documents: number, token and up to 5 files (multipart/form-data)',
          consumes: ['multipart/form-data'],
          response: { 200: entityResubmittedResponse },
        },
      },
      async (request) => {
        const form = await readMultipart(request, {
          files: applications.MAX_EXTRA_FILES,
          fields: 2,
          fileField: 'files',
          missingFileKey: 'errors.registration.files.required',
        });
        const access = entityApplicationAccessSchema.safeParse(form.fields);
        if (!access.success) throw notFound('errors.entity.access');
        return applications.resubmitEntityApplication(ctx, access.data, Object.values(form.files));
      },
    );

    // ---------- the entity's staff (its administrator manages them) ----------

    app.get(
      '/api/entity',
      {
        schema: {
          tags: ['legal entities'],
          summary: 'Tab 1 of a legal entity: its data and who is signed in',
          response: { 200: entityProfileResponse },
        },
      },
      async (request) => staff.entityProfile(ctx, requireHostActor(request)),
    );

    app.get(
      '/api/entity/staff',
      {
        schema: {
          tags: ['legal entities'],
          summary: 'The entity’s staff accounts',
          response: { 200: staffListResponse },
        },
      },
      async (request) => staff.listStaff(ctx, requireHostActor(request)),
    );

    app.post(
      '/api/entity/staff',
      {
        config: routeRateLimit(ctx, 30, 10),
        schema: {
          tags: ['legal entities'],
          summary: 'Invite a staff member: a link to set a password and a PIN of their own, by e-mail',
          body: staffInviteSchema,
          response: { 201: staffInvitedResponse },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await staff.inviteStaff(ctx, requireHostActor(request), request.body, requestLanguage(request)),
          ),
    );

    app.post(
      '/api/entity/staff/:id/disable',
      { schema: { tags: ['legal entities'], params: idParams, response: { 200: okResponse } } },
      async (request) => staff.disableStaff(ctx, requireHostActor(request), request.params.id),
    );

    // ---------- operators ----------

    app.get(
      '/api/operator/legal-entity-applications',
      {
        schema: {
          tags: ['operator'],
          summary: 'Legal entities’ applications by deadline',
          response: { 200: entityQueueResponse },
        },
      },
      async (request) => review.entityQueue(ctx, requireOperator(request)),
    );

    app.get(
      '/api/operator/legal-entities',
      {
        schema: {
          tags: ['operator'],
          summary: 'Legal entities with a cabinet, newest first (q: part of the name)',
          querystring: z.object({ q: z.string().trim().max(100).optional() }),
          response: { 200: entityListResponse },
        },
      },
      async (request) => {
        requireOperator(request);
        return listEntities(ctx, request.query.q || undefined);
      },
    );

    app.get(
      '/api/operator/legal-entity-applications/:id',
      {
        schema: {
          tags: ['operator'],
          summary:
            'One application: the letter’s data, its documents, each property’s registry record (audited)',
          params: idParams,
          response: { 200: entityReviewResponse },
        },
      },
      async (request) => review.entityApplicationForReview(ctx, requireOperator(request), request.params.id),
    );

    app.get(
      '/api/operator/legal-entity-applications/:id/documents/:documentId',
      {
        schema: {
          tags: ['operator'],
          summary: 'One of the application’s documents, as uploaded',
          params: documentParams,
        },
      },
      async (request, reply) => {
        const document = await review.entityApplicationDocument(
          ctx,
          requireOperator(request),
          request.params.id,
          request.params.documentId,
        );
        return reply
          .type(document.mediaType)
          .header('cache-control', 'private, no-store')
          .send(document.body);
      },
    );

    app.post(
      '/api/operator/legal-entity-applications/:id/claim',
      { schema: { tags: ['operator'], params: idParams, response: { 200: claimResponse } } },
      async (request) => review.claimEntityApplication(ctx, requireOperator(request), request.params.id),
    );

    app.post(
      '/api/operator/legal-entity-applications/:id/release',
      { schema: { tags: ['operator'], params: idParams, response: { 200: entityStatusResponse } } },
      async (request) => review.releaseEntityApplication(ctx, requireOperator(request), request.params.id),
    );

    app.post(
      '/api/operator/legal-entity-applications/:id/decision',
      {
        schema: {
          tags: ['operator'],
          summary:
            'Approve (opens the cabinet: the entity, its administrator, its properties), reject with a reason, or ask for documents',
          params: idParams,
          body: entityDecisionSchema,
          response: { 200: entityStatusResponse },
        },
      },
      async (request) => {
        const operatorId = requireOperator(request);
        if (request.body.decision === 'approve') {
          const { id, status } = await approveEntityApplication(ctx, operatorId, request.params.id);
          return { id, status };
        }
        return review.decideEntityApplication(ctx, operatorId, request.params.id, request.body);
      },
    );
  };
}
