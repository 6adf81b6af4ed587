import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ErrorSummary, applyServerErrors, summaryFromErrors } from '../../components/forms';
import { FormField, hasPlainControl } from '../../components/form-fields/FormField';
import { useProfile } from '../../components/profile';
import { useSession } from '../../components/session';
import { withDateParts } from '../../components/date-parts';
import { isShown } from '../../../shared/forms/form';
import { api } from '../../api/client';
import { registrationSchema, type RegistrationInput } from '../../../shared/schemas/registrations';
import {
  registrationCheckResponse,
  type applicationCreatedResponse,
  type RegistrationCheck,
} from '../../../shared/schemas/responses';
import type { z } from 'zod';
import { CabinetTabs } from '../cabinet/CabinetTabs';
import { goToPayment } from '../cabinet/pay';
import { usePassportReading } from '../signup/passport-reading';
import { CheckAnswers } from './CheckAnswers';
import { checklistErrors, DocumentChecklist } from './DocumentChecklist';
import { AutosaveStatus, DraftsList, NewRegistrationLink } from './DraftsList';
import { NoPropertiesWarning, PropertyField } from './PropertyField';
import { fieldOrder, pageLayout } from './register-fields';
import { IdentityFields } from './IdentityFields';
import { StayFields } from './StayFields';
import { useDraft, useDraftList } from './use-drafts';
import { useHostProperties } from './use-host-properties';
import { rememberProperty, usePeriodEnd, useRegistrationDefaults } from './use-registration-defaults';
import { useRegistrationUploads } from './use-registration-uploads';

/** Cabinet, tab 3 «Регистрация иностранного гражданина»: the form, saved as a draft as the host types. */
export function RegisterPage() {
  const { t } = useTranslation();
  const { user, loaded } = useSession();
  const isHost = user?.role === 'host';
  const profile = useProfile();
  const navigate = useNavigate();
  const schema = useMemo(() => registrationSchema(profile), [profile]);
  const resolver = useMemo(
    () =>
      withDateParts(
        zodResolver(schema),
        // Every date the profile's form declares is typed as day, month and year.
        profile.registrationForm.fields
          .filter((f) => f.kind === 'date')
          .map((f) => f.name as keyof RegistrationInput),
      ),
    [schema, profile],
  );
  const form = useForm<RegistrationInput>({ resolver, shouldFocusError: false });
  const layout = useMemo(() => pageLayout(profile.registrationForm), [profile]);
  const order = useMemo(() => fieldOrder(profile.registrationForm), [profile]);
  const fieldsByName = useMemo(
    () => new Map(profile.registrationForm.fields.map((field) => [field.name, field])),
    [profile],
  );
  const { register, handleSubmit, setError, setValue, getValues, watch, formState } = form;
  const { errors, isSubmitting } = formState;

  // The host goes on typing while the passport is read; the reading fills only what they left alone.
  const passport = usePassportReading(undefined, setValue, getValues);
  const properties = useHostProperties(isHost);
  const defaults = useRegistrationDefaults(properties, profile.registration.usualPeriodDays);
  const [general, setGeneral] = useState<string>();
  const draft = useDraft({
    form,
    enabled: isHost,
    defaults,
    mrzFields: Object.keys(passport.filled),
    onResumeFailed: setGeneral,
  });
  // After the draft's: a new form holds its defaults before the period's end is kept in the passport.
  const periodCappedAt = usePeriodEnd(form, defaults, profile.registration.usualPeriodDays);
  const { drafts, remove: removeDraft } = useDraftList(isHost);
  const uploads = useRegistrationUploads(setValue);
  const [notice, setNotice] = useState<string>();
  const [checked, setChecked] = useState<{
    values: RegistrationInput;
    result: RegistrationCheck;
    attachments: RegistrationInput['attachments'];
  }>();
  const [focusField, setFocusField] = useState<string>();

  // «Change» on the check-answers page: back to the form, on that field.
  useEffect(() => {
    if (!checked && focusField) {
      document.getElementById(`field-${focusField}`)?.focus();
      setFocusField(undefined);
    }
  }, [checked, focusField]);

  const withMrz = (values: RegistrationInput) => ({
    ...values,
    mrzFields: Object.keys(passport.filled),
    mrzChangedFields: passport.changedFields(values as Record<string, unknown>),
  });

  const check = handleSubmit(async (values) => {
    setGeneral(undefined);
    try {
      const result = await api('/api/registrations/check', registrationCheckResponse, {
        body: withMrz(values),
      });
      // The checked values are parsed down to what the server takes: the checklist's files keep
      // their media type only in the form, and the summary names each file by it.
      setChecked({ values, result, attachments: getValues('attachments') });
    } catch (error) {
      const checklist = (profile.registrationForm.documents ?? []).map((d) => `attachments.${d.type}`);
      setGeneral(applyServerErrors(error, setError, [...order, ...checklist]));
    }
  });

  // A field shown only in some cases follows the answers as they are typed.
  const values = watch() as Record<string, unknown>;

  if (loaded && !isHost) return <Navigate to="/" replace />;
  if (!properties) return <p role="status">{t('app.loading')}</p>;

  const { attachments: attachmentErrors, ...fieldErrors } = errors;
  const allErrors = {
    ...fieldErrors,
    ...checklistErrors(t, profile.registrationForm, attachmentErrors),
    ...Object.fromEntries(Object.entries(uploads.errors).map(([k, message]) => [k, { message }])),
  };
  const e = (name: string) => (allErrors as Record<string, { message?: string }>)[name]?.message;

  if (checked)
    return (
      <>
        <h1>{t('cabinet.title')}</h1>
        <CabinetTabs />
        <CheckAnswers
          values={{ ...checked.values, attachments: checked.attachments ?? checked.values.attachments }}
          result={checked.result}
          properties={properties}
          draftId={draft.currentDraftId()}
          onChange={(field) => {
            setChecked(undefined);
            setFocusField(field);
          }}
          onConfirmed={async (created: z.infer<typeof applicationCreatedResponse>) => {
            draft.finish();
            rememberProperty(checked.values.propertyId);
            if (created.status === 'submitted')
              // No fee in this country: nothing to pay, straight to the archive.
              navigate('/cabinet/archive', {
                state: { notice: t('registration.submittedNoFee', { number: created.applicationNumber }) },
              });
            else await goToPayment(created.id);
          }}
          confirmData={withMrz(checked.values)}
        />
      </>
    );

  return (
    <>
      <h1>{t('cabinet.title')}</h1>
      <CabinetTabs />
      <section className="panel" aria-labelledby="register-title">
        <h2 id="register-title">{t('registration.title')}</h2>
        <p>{t('registration.intro')}</p>
        <div role="status" aria-live="polite" className={notice ? 'notice' : undefined}>
          {notice}
        </div>
        {draft.draftParam ? (
          <NewRegistrationLink onClick={draft.startNew} />
        ) : (
          <DraftsList
            drafts={drafts}
            onDelete={async (id) => {
              await removeDraft(id);
              setNotice(t('registration.drafts.deleted'));
            }}
          />
        )}

        <ErrorSummary items={summaryFromErrors(allErrors, order)} general={general} />
        {properties.length === 0 ? (
          <NoPropertiesWarning />
        ) : (
          <form onSubmit={check} noValidate>
            {layout.map((page) => (
              <section key={page.id} className="form-page" aria-labelledby={`page-${page.id}`}>
                <h3 id={`page-${page.id}`}>{t(page.title)}</h3>
                {page.blocks.map((block) => {
                  if (block.kind === 'place')
                    return (
                      <PropertyField key="place" properties={properties} register={register} error={e} />
                    );
                  if (block.kind === 'identity')
                    return (
                      <IdentityFields
                        key="identity"
                        form={form}
                        uploads={uploads}
                        passport={passport}
                        error={e}
                        fields={fieldsByName}
                      />
                    );
                  if (block.kind === 'stay')
                    return (
                      <StayFields
                        key="stay"
                        register={register}
                        error={e}
                        rules={profile.registration}
                        periodCappedAt={periodCappedAt}
                      />
                    );
                  const field = fieldsByName.get(block.name)!;
                  if (!hasPlainControl(field.kind) || !isShown(field, values)) return null;
                  return (
                    <FormField
                      key={field.name}
                      field={field}
                      registration={register(field.name as keyof RegistrationInput)}
                      error={e(field.name)}
                    />
                  );
                })}
              </section>
            ))}
            <DocumentChecklist
              form={profile.registrationForm}
              answers={watch()}
              errors={attachmentErrors}
              onChange={(list) => setValue('attachments', list, { shouldDirty: true })}
            />

            <div className="button-row">
              <button
                type="submit"
                disabled={isSubmitting || uploads.uploading.passport || uploads.uploading.photo}
              >
                {isSubmitting ? t('registration.checking') : t('registration.check')}
              </button>
              <AutosaveStatus save={draft.save} />
            </div>
          </form>
        )}
      </section>
    </>
  );
}
