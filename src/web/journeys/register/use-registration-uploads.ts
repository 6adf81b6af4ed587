import { useState } from 'react';
import type { UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { fileProblem } from '../../components/forms';
import { PHOTO_MEDIA_TYPES, UPLOAD_MEDIA_TYPES } from '../../../shared/schemas/accounts';
import type { RegistrationInput } from '../../../shared/schemas/registrations';
import { registrationDocumentResponse } from '../../../shared/schemas/responses';

export type DocumentKind = 'passport' | 'photo';

/**
 * The passport page and the photo go to the server as soon as they are chosen; the form keeps
 * only their ids. A file the browser can already tell is wrong is refused on its field unsent.
 */
export function useRegistrationUploads(setValue: UseFormSetValue<RegistrationInput>) {
  const { t } = useTranslation();
  const [uploading, setUploading] = useState<Partial<Record<DocumentKind, boolean>>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  const upload = async (kind: DocumentKind, file: Blob, name: string) => {
    const field = kind === 'passport' ? 'passportDocumentId' : 'photoDocumentId';
    const problem = fileProblem(file, kind === 'passport' ? UPLOAD_MEDIA_TYPES : PHOTO_MEDIA_TYPES);
    if (problem) {
      setErrors((e) => ({ ...e, [field]: problem }));
      return;
    }
    setErrors(({ [field]: _cleared, ...rest }) => rest);
    setUploading((u) => ({ ...u, [kind]: true }));
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, name);
    try {
      const stored = await api('/api/registrations/documents', registrationDocumentResponse, { form });
      setValue(field, stored.id, { shouldValidate: true });
    } catch (error) {
      const message =
        error instanceof ApiError
          ? (Object.values(error.fields)[0]?.message ?? error.message)
          : t('errors.network');
      setErrors((e) => ({ ...e, [field]: message }));
    } finally {
      setUploading((u) => ({ ...u, [kind]: false }));
    }
  };

  return { upload, uploading, errors };
}
