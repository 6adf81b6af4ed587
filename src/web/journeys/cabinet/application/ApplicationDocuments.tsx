import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { hostApplicationResponse } from '../../../../shared/schemas/responses';

type Application = z.infer<typeof hostApplicationResponse>;

/**
 * The files an application was sent with: the foreigner's passport page and photo, then each
 * checklist file by its item, under the name Konok gave it, and why an operator did not accept it.
 */
export function ApplicationDocuments({ application }: { application: Application }) {
  const { t } = useTranslation();
  const { passport, photo } = application.documents;
  return (
    <section aria-labelledby="application-documents" className="summary-section">
      <h3 id="application-documents">{t('application.documents')}</h3>
      <dl className="summary-list">
        {(passport || photo) && (
          <div>
            <dt>{t('registration.review.documents')}</dt>
            <dd className="review-documents">
              {photo && (
                <img src={`/api/documents/${photo}`} alt={t('registration.review.photo')} width={90} />
              )}
              {passport && (
                <a href={`/api/documents/${passport}`} target="_blank" rel="noreferrer">
                  {t('registration.review.passportScan')}
                </a>
              )}
            </dd>
            <dd />
          </div>
        )}
        {application.attachments.map((file) => (
          <div key={file.id}>
            <dt>{file.label ? t(file.label) : file.type}</dt>
            <dd>
              <a href={`/api/documents/${file.id}`} target="_blank" rel="noreferrer">
                {file.fileName}
              </a>
              {file.rejectedReason && (
                <p className="field-error">
                  {t('documents.checklist.rejected', { reason: file.rejectedReason })}
                </p>
              )}
            </dd>
            <dd />
          </div>
        ))}
      </dl>
    </section>
  );
}
