import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requestLanguage } from '../../http/i18n.js';
import { badRequest, fieldErrors } from '../../http/errors.js';
import { readMultipart } from '../../http/multipart.js';
import { routeRateLimit } from '../../http/rate-limit.js';
import { requireHost, requireHostActor } from '../../http/security.js';
import {
  applicationCreatedResponse,
  applicationStatusResponse,
  attachmentResponse,
  archiveQuerySchema,
  archiveResponse,
  draftResponse,
  draftSavedResponse,
  draftsResponse,
  hostAnswerSchema,
  messageThreadResponse,
  hostApplicationResponse,
  okResponse,
  registrationCheckResponse,
  registrationDocumentResponse,
} from '../../../shared/schemas/index.js';
import { hostActor } from '../../actor.js';
import { answerRequest } from './answers.service.js';
import { applicationAnswers } from './application.service.js';
import { archive } from './archive.service.js';
import { messageThread } from './messages.service.js';
import { storeAttachment } from './attachments.service.js';
import * as drafts from './drafts.service.js';
import * as registrations from './registrations.service.js';
import { checkRegistration, warningMessage } from './registrations.service.js';
import { recordId } from '../../../shared/schemas/fields.js';

const idParams = z.object({ id: recordId });
const anyObject = z.record(z.string(), z.unknown());

export function registrationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/registrations/check',
      {
        config: routeRateLimit(ctx, 120, 10),
        schema: {
          tags: ['registrations'],
          summary: '«Проверка данных»: every rule of the registration form, each problem on its field',
          // The shared schema runs in the service, beside the checks that need the database, so
          // that every problem is reported at once.
          body: z.record(z.string(), z.unknown()),
          response: { 200: registrationCheckResponse },
        },
      },
      async (request) => {
        const checked = await checkRegistration(ctx, requireHost(request), request.body);
        const language = requestLanguage(request);
        return {
          fee: checked.fee,
          property: checked.property,
          warnings: checked.warnings.map((warning) => ({
            code: warning.code,
            message: warningMessage(ctx.translate, language, warning),
          })),
        };
      },
    );

    app.post(
      '/api/registrations/documents',
      {
        config: routeRateLimit(ctx, 60, 10),
        schema: {
          tags: ['registrations'],
          summary:
            'The foreigner’s passport page (kind=passport: PDF/JPEG/PNG) or live photo (kind=photo: JPEG/PNG), ≤ 5 MB, multipart field "file"',
          consumes: ['multipart/form-data'],
          response: { 201: registrationDocumentResponse },
        },
      },
      async (request, reply) => {
        const hostId = requireHost(request);
        const form = await readMultipart(request, {
          files: 1,
          fields: 2,
          fileField: 'file',
          missingFileKey: 'errors.registration.passportFile.required',
        });
        const kind = form.fields.kind;
        if (kind !== 'passport' && kind !== 'photo')
          throw badRequest({ kind: 'errors.registration.documentKind' });
        const stored = await registrations.storeRegistrationDocument(
          ctx,
          hostId,
          kind,
          Object.values(form.files)[0],
        );
        return reply.status(201).send(stored);
      },
    );

    app.post(
      '/api/registrations/attachments',
      {
        config: routeRateLimit(ctx, 120, 10),
        schema: {
          tags: ['registrations'],
          summary:
            'A file of the documents checklist (multipart "type" and "file"): PDF/JPEG/PNG ≤ 5 MB, images RGB and ≥ 300 dpi',
          consumes: ['multipart/form-data'],
          response: { 201: attachmentResponse },
        },
      },
      async (request, reply) => {
        const hostId = requireHost(request);
        const form = await readMultipart(request, {
          files: 1,
          fields: 1,
          fileField: 'file',
          missingFileKey: 'errors.file.required',
        });
        // A file cut at the limit is reported with its size: the body's length bounds it closely.
        const length = Number(request.headers['content-length']);
        const stored = await storeAttachment(ctx, hostId, {
          type: form.fields.type,
          upload: Object.values(form.files)[0],
          declaredSize: Number.isSafeInteger(length) ? length : undefined,
        });
        return reply.status(201).send(stored);
      },
    );

    app.post(
      '/api/registrations/drafts',
      {
        config: routeRateLimit(ctx, 120, 10),
        schema: {
          tags: ['registrations'],
          summary: 'Save a new draft',
          body: anyObject,
          response: { 201: draftSavedResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await drafts.saveDraft(ctx, requireHost(request), request.body)),
    );

    app.post(
      '/api/registrations/drafts/:id',
      {
        config: routeRateLimit(ctx, 240, 10),
        schema: {
          tags: ['registrations'],
          summary: 'Save over one of the host’s drafts',
          params: idParams,
          body: anyObject,
          response: { 200: draftSavedResponse },
        },
      },
      async (request) => drafts.saveDraft(ctx, requireHost(request), request.body, request.params.id),
    );

    app.get(
      '/api/registrations/drafts',
      {
        schema: { tags: ['registrations'], summary: 'The host’s drafts', response: { 200: draftsResponse } },
      },
      async (request) => ({ drafts: await drafts.listDrafts(ctx, requireHost(request)) }),
    );

    app.get(
      '/api/registrations/drafts/:id',
      {
        schema: {
          tags: ['registrations'],
          summary: 'Resume a draft',
          params: idParams,
          response: { 200: draftResponse },
        },
      },
      async (request) => drafts.getDraft(ctx, requireHost(request), request.params.id),
    );

    app.delete(
      '/api/registrations/drafts/:id',
      { schema: { tags: ['registrations'], params: idParams, response: { 200: okResponse } } },
      async (request) => {
        await drafts.deleteDraft(ctx, requireHost(request), request.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/registrations',
      {
        config: routeRateLimit(ctx, 30, 10),
        schema: {
          tags: ['registrations'],
          summary: '«Confirm» with the PIN: the application is made, with its number, and waits for payment',
          body: z.object({
            data: z.record(z.string(), z.unknown(), { error: 'errors.summary' }),
            pin: z.string({ error: 'errors.pin.format' }).max(12, 'errors.pin.format'),
            draftId: z
              .number({ error: 'errors.registration.draft.notFound' })
              .int('errors.registration.draft.notFound')
              .positive('errors.registration.draft.notFound')
              .max(Number.MAX_SAFE_INTEGER, 'errors.registration.draft.notFound')
              .optional(),
          }),
          response: { 201: applicationCreatedResponse },
        },
      },
      async (request, reply) => {
        const { hostId, staffId } = requireHostActor(request);
        const created = await registrations.confirmRegistration(ctx, hostId, {
          ...request.body,
          staffId,
          language: requestLanguage(request),
        });
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/registrations',
      {
        config: routeRateLimit(ctx, 600, 10),
        schema: {
          tags: ['registrations'],
          summary: 'Tab 4 «Архив регистрации»: search, filter, sort, page',
          querystring: archiveQuerySchema,
          response: { 200: archiveResponse },
        },
      },
      async (request) => archive(ctx, requireHost(request), request.query),
    );

    app.get(
      '/api/registrations/:id/messages',
      {
        config: routeRateLimit(ctx, 600, 10),
        schema: {
          tags: ['registrations'],
          summary: '«Сообщения»: what the operator asked and what the host answered, oldest first',
          params: idParams,
          response: { 200: messageThreadResponse },
        },
      },
      async (request) => messageThread(ctx, request.params.id, requireHost(request)),
    );

    app.get(
      '/api/registrations/:id',
      {
        config: routeRateLimit(ctx, 600, 10),
        schema: {
          tags: ['registrations'],
          summary: 'One of the host’s applications, every answer as its form took it',
          params: idParams,
          response: { 200: hostApplicationResponse },
        },
      },
      async (request) => applicationAnswers(ctx, requireHost(request), request.params.id),
    );

    app.post(
      '/api/registrations/:id/resubmit',
      {
        config: routeRateLimit(ctx, 30, 10),
        schema: {
          tags: ['registrations'],
          summary:
            'Answer a request for documents: a text (field "text") and/or up to 5 files (PDF/JPEG/PNG ≤ 5 MB, any other field names); the application returns to the queue',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: applicationStatusResponse },
        },
      },
      async (request) => {
        const { hostId, staffId } = requireHostActor(request);
        const actor = hostActor(hostId, staffId);
        const form = await readMultipart(request, {
          files: 5,
          fields: 1,
          fileField: 'files',
          missingFileKey: 'errors.messages.empty',
        });
        const parsed = hostAnswerSchema.safeParse(form.fields);
        if (!parsed.success) throw badRequest(fieldErrors(parsed.error));
        return answerRequest(ctx, actor, request.params.id, {
          text: parsed.data.text,
          uploads: Object.values(form.files),
        });
      },
    );

    app.post(
      '/api/registrations/:id/cancel',
      {
        config: routeRateLimit(ctx, 30, 10),
        schema: { tags: ['registrations'], params: idParams, response: { 200: applicationStatusResponse } },
      },
      async (request) => registrations.cancelRegistration(ctx, requireHost(request), request.params.id),
    );
  };
}
