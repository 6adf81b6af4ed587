import type { HostActor } from '../../actor.js';
import type { AppContext } from '../../context.js';
import { badRequest, notFound } from '../../http/errors.js';
import { UPLOAD_MEDIA_TYPES } from '../../../shared/schemas/index.js';
import { checkUpload, withStoredFiles, type Upload } from '../documents/documents.service.js';
import { addMessage } from './messages.service.js';
import * as repo from './registrations.repo.js';
import { registrationFacts } from './registrations.service.js';
import { applyTransition } from './transitions.js';

/**
 * The host answers a request for documents with words, files (PDF/JPEG/PNG ≤ 5 MB each), or both:
 * the answer joins «Сообщения», its files the application's documents, and the application
 * returns to the queue with everything else as it was — in one transaction. Two answers at once:
 * the first moves the application, the second finds it no longer waiting (409) and leaves nothing.
 */
export async function answerRequest(
  ctx: AppContext,
  actor: HostActor,
  id: number,
  answer: { text?: string; uploads: Upload[] },
) {
  const text = answer.text?.trim() || null;
  if (!text && answer.uploads.length === 0)
    throw badRequest({ text: 'errors.messages.empty', files: 'errors.messages.empty' });
  const checked: { body: Buffer; mediaType: string }[] = [];
  for (const upload of answer.uploads) {
    const result = await checkUpload(upload, UPLOAD_MEDIA_TYPES);
    if ('problem' in result) throw badRequest({ files: result.problem });
    checked.push({ body: upload.body, mediaType: result.mediaType });
  }
  return withStoredFiles(ctx, async (tx, store) => {
    const application = await repo.findApplication(tx, actor.hostId, id);
    if (!application) throw notFound('errors.registration.notFound');
    // Moved first: an application no longer waiting is a 409 before anything is written.
    const status = await applyTransition(tx, {
      id,
      current: application.status,
      action: 'resubmit',
      actor,
      details: { documents: checked.length, text: text !== null },
      changes: { answer_due: null },
    });
    const messageId = await addMessage(ctx, tx, { registrationId: id, author: actor, text });
    const ids: number[] = [];
    for (const file of checked)
      ids.push(await store({ ...file, kind: 'registration_extra', ownerHostId: actor.hostId }));
    await repo.attachDocuments(tx, id, ids, messageId);
    await ctx.events.emit(tx, {
      type: 'RegistrationResubmitted',
      ...(await registrationFacts(tx, application)),
    });
    return { id, status };
  });
}
