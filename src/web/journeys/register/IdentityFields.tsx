import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field, useErrorText } from '../../components/forms';
import { PassportFields } from '../../components/PassportFields';
import { useProfile } from '../../components/profile';
import type { FieldDeclaration } from '../../../shared/forms/form';
import type { RegistrationInput } from '../../../shared/schemas/registrations';
import type { usePassportReading } from '../signup/passport-reading';
import { ForeignerPhoto } from './ForeignerPhoto';
import { PassportUpload } from './PassportUpload';
import type { FieldErrorOf } from './register-fields';
import type { useRegistrationUploads } from './use-registration-uploads';

interface Props {
  form: UseFormReturn<RegistrationInput>;
  uploads: ReturnType<typeof useRegistrationUploads>;
  passport: ReturnType<typeof usePassportReading<RegistrationInput>>;
  error: FieldErrorOf;
  /** The form's declared fields, for how it asks the names (MRZ letters or as printed) and their labels. */
  fields: ReadonlyMap<string, FieldDeclaration>;
}

/**
 * The passport page and the photo, uploaded as the host goes, beside the passport's data: the
 * page's machine-readable zone fills the fields the host has not typed yet.
 */
export function IdentityFields({ form, uploads, passport, error, fields }: Props) {
  const label = (name: string, fallback: string) => fields.get(name)?.label ?? fallback;
  const nameKind = fields.get('surname')?.kind;
  const { t } = useTranslation();
  const text = useErrorText();
  const profile = useProfile();
  const { register, watch } = form;
  return (
    // On a desktop the photo stands beside the passport fields, not in a row of its own.
    <div className="register-identity">
      <PassportUpload
        attached={Boolean(watch('passportDocumentId'))}
        uploading={Boolean(uploads.uploading.passport)}
        reading={passport.state}
        error={error('passportDocumentId')}
        onChosen={(file) => void uploads.upload('passport', file, file.name)}
        onRead={(file) => void passport.read(file)}
      />
      <ForeignerPhoto
        attached={Boolean(watch('photoDocumentId'))}
        uploading={Boolean(uploads.uploading.photo)}
        errorText={text(error('photoDocumentId'))}
        onPhoto={(photo) => void uploads.upload('photo', photo, 'photo.jpg')}
      />
      <p className="hint">
        {t(nameKind === 'documentName' ? 'registration.documentNameHint' : 'registration.latinHint')}
      </p>
      <PassportFields
        register={register}
        error={error}
        badge={passport.badge}
        passportTypes={profile.registration.passportTypes}
        own={false}
        nameLabels={{
          surname: label('surname', 'signup.surname'),
          givenNames: label('givenNames', 'signup.givenNames'),
        }}
        afterNames={
          <Field
            name="patronymic"
            label={t(label('patronymic', 'registration.patronymic'))}
            error={error('patronymic')}
          >
            {(a11y) => (
              <input {...a11y} autoComplete="off" autoCapitalize="characters" {...register('patronymic')} />
            )}
          </Field>
        }
      />
    </div>
  );
}
