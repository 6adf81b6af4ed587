import { useTranslation } from 'react-i18next';
import { FilePicker } from '../../components/FilePicker';
import { Field, fileProblem } from '../../components/forms';
import { UPLOAD_MEDIA_TYPES } from '../../../shared/schemas/accounts';
import { PassportReadingStatus, type ReadingState } from '../signup/passport-reading';
import { UploadProgress } from './UploadProgress';

/**
 * The foreigner's passport page: stored as soon as it is chosen, and read (its MRZ fills the
 * fields) at the same time; each says how it is going.
 */
export function PassportUpload({
  attached,
  uploading,
  reading,
  error,
  onChosen,
  onRead,
}: {
  attached: boolean;
  uploading: boolean;
  reading: ReadingState;
  error?: string;
  onChosen: (file: File) => void;
  onRead: (file: File) => void;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Field
        name="passportDocumentId"
        label={t('registration.passportFile')}
        hint={t('registration.passportHint')}
        error={error}
        badge={attached && !uploading ? <span className="badge"> — {t('registration.attached')}</span> : null}
      >
        {(a11y) => (
          <FilePicker
            {...a11y}
            accept="application/pdf,image/jpeg,image/png"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              onChosen(file);
              if (!fileProblem(file, UPLOAD_MEDIA_TYPES)) onRead(file);
            }}
          />
        )}
      </Field>
      {uploading && <UploadProgress />}
      <PassportReadingStatus state={reading} />
    </div>
  );
}
