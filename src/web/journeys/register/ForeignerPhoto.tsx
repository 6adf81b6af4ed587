import { useTranslation } from 'react-i18next';
import { PhotoRequirements } from '../../components/PassportFields';
import { WebcamCapture } from '../../components/WebcamCapture';
import { UploadProgress } from './UploadProgress';

/** The foreigner's live photo from the webcam (or a file), stored as soon as it is taken. */
export function ForeignerPhoto({
  attached,
  uploading,
  errorText,
  onPhoto,
}: {
  attached: boolean;
  uploading: boolean;
  errorText?: string;
  onPhoto: (photo: Blob) => void;
}) {
  const { t } = useTranslation();
  return (
    // Marked like a field in error: a missing photo stands out as a missing answer does.
    <div
      id="field-photoDocumentId"
      className={`register-photo${errorText ? ' field--error' : ''}`}
      tabIndex={-1}
    >
      <h3 className="label">{t('registration.photoTitle')}</h3>
      <PhotoRequirements />
      {attached && !uploading && <p className="hint">{t('registration.photoAttached')}</p>}
      <WebcamCapture
        onChange={(photo) => {
          if (photo) onPhoto(photo);
        }}
        errorText={errorText}
        previewAlt={t('registration.review.photo')}
      />
      {uploading && <UploadProgress />}
    </div>
  );
}
