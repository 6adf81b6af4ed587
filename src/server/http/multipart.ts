import type { FastifyRequest } from 'fastify';
import { controlCharacterErrors, MAX_UPLOAD_BYTES } from '../../shared/schemas/index.js';
import { AppError, badRequest } from './errors.js';

export interface Upload {
  body: Buffer;
  /** True when the body was cut at the size limit while it was being received. */
  truncated: boolean;
}

export interface MultipartForm {
  fields: Record<string, string>;
  files: Record<string, Upload>;
}

const malformed = () =>
  new AppError({
    status: 400,
    code: 'malformed_upload',
    messageKey: 'errors.upload.malformed',
    fields: { _: 'errors.upload.malformed' },
  });

/**
 * Reads a multipart/form-data body: text fields and files, each file cut off past the size limit.
 * Whatever is wrong with the body itself (no boundary, cut short, too many parts) is the client's
 * fault and answers 400, never 500. A body that is not multipart at all is reported on `fileField`.
 */
export async function readMultipart(
  request: FastifyRequest,
  options: { files: number; fields: number; fileField: string; missingFileKey: string },
): Promise<MultipartForm> {
  if (!request.isMultipart()) throw badRequest({ [options.fileField]: options.missingFileKey });
  const form: MultipartForm = { fields: {}, files: {} };
  try {
    for await (const part of request.parts({
      limits: {
        fileSize: MAX_UPLOAD_BYTES,
        files: options.files,
        fields: options.fields,
        fieldSize: 10_000,
        parts: options.files + options.fields,
      },
    })) {
      if (part.type === 'file') {
        form.files[part.fieldname] = { body: await part.toBuffer(), truncated: part.file.truncated };
      } else if (typeof part.value === 'string') {
        form.fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw malformed();
  }
  const controls = controlCharacterErrors(form.fields);
  if (Object.keys(controls).length > 0) throw badRequest(controls);
  return form;
}
