import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { Field } from '../../components/forms';
import {
  entityProfileResponse,
  okResponse,
  staffInvitedResponse,
  staffListResponse,
} from '../../../shared/schemas/responses';
import { PasswordSection, PinSection } from './AccountSections';
import { ApiKeysSection } from './ApiKeysSection';
import { CabinetTabs } from './CabinetTabs';

type Profile = z.infer<typeof entityProfileResponse>;
type Staff = z.infer<typeof staffListResponse>['items'][number];

/** The administrator's staff list: invite a receptionist by e-mail, disable one who has left. */
function StaffSection() {
  const { t } = useTranslation();
  const [staff, setStaff] = useState<Staff[]>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string>();
  // What went wrong that no field explains (the network, a disabled session).
  const [failure, setFailure] = useState<string>();
  const failed = (error: unknown) =>
    setFailure(error instanceof ApiError && error.message ? error.message : t('errors.network'));
  const load = useCallback(async () => {
    setStaff((await api('/api/entity/staff', staffListResponse)).items);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const invite = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setFailure(undefined);
    try {
      await api('/api/entity/staff', staffInvitedResponse, {
        body: { email: data.get('email'), fullName: data.get('fullName') },
      });
      setErrors({});
      setNotice(t('entityCabinet.invited', { email: String(data.get('email')) }));
      form.reset();
      await load();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {};
      setErrors(Object.fromEntries(Object.entries(fields).map(([field, e]) => [field, e.key])));
      if (Object.keys(fields).length === 0) failed(error);
    }
  };
  const disable = async (member: Staff) => {
    setFailure(undefined);
    try {
      await api(`/api/entity/staff/${member.id}/disable`, okResponse, { method: 'POST', body: {} });
      setNotice(t('entityCabinet.disabled', { name: member.fullName }));
      await load();
    } catch (error) {
      failed(error);
    }
  };

  return (
    <section aria-labelledby="staff-title" className="panel">
      <h2 id="staff-title">{t('entityCabinet.staffTitle')}</h2>
      <div role="status" aria-live="polite" className={notice ? 'notice' : undefined}>
        {notice}
      </div>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      {staff && (
        <table className="stack-on-phone">
          <thead>
            <tr>
              <th scope="col">{t('entityCabinet.name')}</th>
              <th scope="col">{t('entityCabinet.email')}</th>
              <th scope="col">{t('entityCabinet.role')}</th>
              <th scope="col">{t('entityCabinet.status')}</th>
              <th scope="col">{t('entityCabinet.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((member) => (
              <tr key={member.id}>
                <td data-label={t('entityCabinet.name')}>{member.fullName}</td>
                <td data-label={t('entityCabinet.email')}>{member.email}</td>
                <td data-label={t('entityCabinet.role')}>{t(`entityCabinet.roles.${member.role}`)}</td>
                <td data-label={t('entityCabinet.status')}>{t(`entityCabinet.statuses.${member.status}`)}</td>
                <td data-label={t('entityCabinet.actions')}>
                  {member.role === 'staff' && member.status !== 'disabled' ? (
                    <button type="button" className="button-secondary" onClick={() => void disable(member)}>
                      {t('entityCabinet.disable')}
                      <span className="visually-hidden"> {member.fullName}</span>
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={(e) => void invite(e)} noValidate>
        <h3>{t('entityCabinet.inviteTitle')}</h3>
        <Field name="fullName" label={t('entityCabinet.name')} error={errors.fullName}>
          {(a11y) => <input {...a11y} name="fullName" autoComplete="off" />}
        </Field>
        <Field name="email" label={t('entityCabinet.email')} error={errors.email}>
          {(a11y) => <input {...a11y} name="email" type="email" autoComplete="off" />}
        </Field>
        <button type="submit">{t('entityCabinet.invite')}</button>
      </form>
    </section>
  );
}

/** Tab 1 for a legal entity's staff: the entity's data; its administrator also manages staff and API keys. */
export function EntityCabinet() {
  const { t } = useTranslation();
  const [profile, setProfile] = useState<Profile>();
  useEffect(() => {
    void api('/api/entity', entityProfileResponse).then(setProfile);
  }, []);
  if (!profile) return <p role="status">{t('app.loading')}</p>;
  return (
    <>
      <h1>{t('cabinet.title')}</h1>
      <CabinetTabs />
      <section id="general" aria-labelledby="general-title" className="panel">
        <h2 id="general-title">{t('cabinet.tabs.general')}</h2>
        <dl className="summary-list">
          <dt>{t('entity.fields.name')}</dt>
          <dd>{profile.name}</dd>
          <dt>{t('entity.fields.taxNumber')}</dt>
          <dd>{profile.taxNumber}</dd>
          <dt>{t('entity.fields.legalAddress')}</dt>
          <dd>{profile.legalAddress}</dd>
          <dt>{t('entity.fields.actualAddress')}</dt>
          <dd>{profile.actualAddress}</dd>
          <dt>{t('entity.fields.activity')}</dt>
          <dd>{profile.activity}</dd>
          <dt>{t('entity.fields.headName')}</dt>
          <dd>{profile.headName}</dd>
          <dt>{t('entity.fields.phone')}</dt>
          <dd>{profile.phone}</dd>
          <dt>{t('entityCabinet.signedInAs')}</dt>
          <dd>
            {profile.me.fullName} ({profile.me.email}), {t(`entityCabinet.roles.${profile.me.role}`)}
          </dd>
        </dl>
      </section>
      {profile.me.role === 'admin' && <StaffSection />}
      {profile.me.role === 'admin' && <ApiKeysSection />}
      <PasswordSection />
      <PinSection staff />
    </>
  );
}
