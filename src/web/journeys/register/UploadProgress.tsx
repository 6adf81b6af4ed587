import { useTranslation } from 'react-i18next';

/** «Загрузка…» while a chosen file goes to the server. */
export function UploadProgress() {
  const { t } = useTranslation();
  return (
    <p role="status" className="notice notice--progress">
      <span className="spinner" aria-hidden="true" />
      {t('registration.uploading')}
    </p>
  );
}
