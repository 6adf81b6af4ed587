import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useDates } from '../../components/dates';
import { DateField } from '../../components/DateField';
import { Field, useErrorText } from '../../components/forms';
import {
  API_SCOPES,
  apiKeyCreatedResponse,
  apiKeyListResponse,
  type ApiKeyView,
  type ApiScope,
} from '../../../shared/schemas/api-keys';
import { okResponse, propertiesResponse } from '../../../shared/schemas/responses';

const SCOPE_WORDS: Record<ApiScope, string> = {
  'registrations:write': 'apiKeys.scope.registrationsWrite',
  'registrations:read': 'apiKeys.scope.registrationsRead',
  'webhooks:manage': 'apiKeys.scope.webhooksManage',
};

/** A checkbox group with its legend, its hint and its error tied to it. */
function Choices(props: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string }[];
}) {
  const text = useErrorText();
  const id = `field-${props.name}`;
  const describedBy = [props.hint && `${id}-hint`, props.error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <fieldset
      className={`field${props.error ? ' field--error' : ''}`}
      aria-describedby={describedBy || undefined}
    >
      <legend>{props.legend}</legend>
      {props.hint && (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={`${id}-error`}>
          {text(props.error)}
        </p>
      )}
      {props.options.map((option, i) => (
        <div className="checkbox" key={option.value}>
          <input type="checkbox" id={i === 0 ? id : `${id}-${i}`} name={props.name} value={option.value} />
          <label htmlFor={i === 0 ? id : `${id}-${i}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * The administrator's API keys: make one (its secret shown this once), see when and from where
 * each was last used, rotate one with a grace period for the old, revoke one.
 */
export function ApiKeysSection() {
  const { t } = useTranslation();
  const dates = useDates();
  const [keys, setKeys] = useState<ApiKeyView[]>();
  const [places, setPlaces] = useState<{ id: number; label: string }[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The last day, from the day/month/year boxes; a new form (a new key) starts them empty.
  const [expiresOn, setExpiresOn] = useState('');
  const [formRound, setFormRound] = useState(0);
  const [secret, setSecret] = useState<{ name: string; value: string }>();
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<string>();
  // A field's own message when there is one (the grace hours of a rotation), else the answer's.
  const failed = (error: unknown) =>
    setFailure(
      error instanceof ApiError
        ? (Object.values(error.fields)[0]?.message ?? (error.message || t('errors.network')))
        : t('errors.network'),
    );
  const load = useCallback(async () => {
    setKeys((await api('/api/entity/api-keys', apiKeyListResponse)).items);
  }, []);
  useEffect(() => {
    void load();
    void api('/api/properties', propertiesResponse).then((list) =>
      setPlaces(
        list.properties.map((p) => ({
          id: p.id,
          label: p.code ? `${p.code} — ${p.addressLine}` : p.addressLine,
        })),
      ),
    );
  }, [load]);

  const made = (answer: { key: ApiKeyView; secret: string }) => {
    setSecret({ name: answer.key.name, value: answer.secret });
    setNotice(undefined);
  };
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setFailure(undefined);
    try {
      made(
        await api('/api/entity/api-keys', apiKeyCreatedResponse, {
          body: {
            name: data.get('name'),
            scopes: data.getAll('scopes'),
            placeIds: data.getAll('placeIds').map(Number),
            expiresOn: expiresOn || undefined,
          },
        }),
      );
      setErrors({});
      form.reset();
      setExpiresOn('');
      setFormRound((round) => round + 1);
      await load();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {};
      setErrors(
        Object.fromEntries(Object.entries(fields).map(([field, e]) => [field.split('.')[0]!, e.key])),
      );
      if (Object.keys(fields).length === 0) failed(error);
    }
  };
  const rotate = async (event: FormEvent<HTMLFormElement>, key: ApiKeyView) => {
    event.preventDefault();
    setFailure(undefined);
    const graceHours = new FormData(event.currentTarget).get('graceHours');
    try {
      made(
        await api(`/api/entity/api-keys/${key.id}/rotate`, apiKeyCreatedResponse, { body: { graceHours } }),
      );
      await load();
    } catch (error) {
      failed(error);
    }
  };
  const revoke = async (key: ApiKeyView) => {
    setFailure(undefined);
    try {
      await api(`/api/entity/api-keys/${key.id}/revoke`, okResponse, { method: 'POST', body: {} });
      setSecret(undefined);
      setNotice(t('apiKeys.revoked', { name: key.name }));
      await load();
    } catch (error) {
      failed(error);
    }
  };
  const working = (key: ApiKeyView) => key.state === 'active' || key.state === 'expiring';

  return (
    <section aria-labelledby="api-keys-title" className="panel" id="api-keys">
      <h2 id="api-keys-title">{t('apiKeys.title')}</h2>
      <p>{t('apiKeys.intro')}</p>
      <div role="status" aria-live="polite" className={notice ? 'notice' : undefined}>
        {notice}
      </div>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      {secret && (
        <div className="notice api-key-secret" role="alert">
          <h3>{t('apiKeys.secretTitle')}</h3>
          <p id="api-key-secret-hint">{t('apiKeys.secretText')}</p>
          <label htmlFor="api-key-secret">{t('apiKeys.secretLabel', { name: secret.name })}</label>
          <input
            id="api-key-secret"
            readOnly
            value={secret.value}
            aria-describedby="api-key-secret-hint"
            onFocus={(e) => e.currentTarget.select()}
            className="api-key-secret-value"
          />
        </div>
      )}
      <h3>{t('apiKeys.listTitle')}</h3>
      {keys?.length === 0 && <p>{t('apiKeys.none')}</p>}
      {keys && keys.length > 0 && (
        <table className="stack-on-phone">
          <thead>
            <tr>
              <th scope="col">{t('apiKeys.name')}</th>
              <th scope="col">{t('apiKeys.scopes')}</th>
              <th scope="col">{t('apiKeys.lastUsed')}</th>
              <th scope="col">{t('entityCabinet.status')}</th>
              <th scope="col">{t('entityCabinet.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id}>
                <td data-label={t('apiKeys.name')}>
                  {key.name}
                  <br />
                  <code>{key.hint}</code>
                </td>
                <td data-label={t('apiKeys.scopes')}>
                  {key.scopes.map((s) => t(SCOPE_WORDS[s])).join(', ')}
                </td>
                <td data-label={t('apiKeys.lastUsed')}>
                  {key.lastUsedAt
                    ? t('apiKeys.lastUsedAt', {
                        time: dates.dateTime(key.lastUsedAt),
                        address: key.lastUsedAddress,
                      })
                    : t('apiKeys.neverUsed')}
                </td>
                <td data-label={t('entityCabinet.status')}>
                  {t(`apiKeys.state.${key.state === 'expiring' ? 'active' : key.state}`)}
                  {key.state === 'expiring' && key.expiresAt && (
                    <>
                      <br />
                      {t('apiKeys.validUntil', { time: dates.dateTime(key.expiresAt) })}
                    </>
                  )}
                </td>
                <td data-label={t('entityCabinet.actions')}>
                  {working(key) ? (
                    <div className="api-key-actions">
                      <form onSubmit={(e) => void rotate(e, key)} className="api-key-rotate">
                        <label htmlFor={`grace-${key.id}`}>{t('apiKeys.graceHours')}</label>
                        <input
                          id={`grace-${key.id}`}
                          name="graceHours"
                          type="number"
                          inputMode="numeric"
                          min={0}
                          max={720}
                          defaultValue={24}
                        />
                        <button type="submit" className="button-secondary">
                          {t('apiKeys.rotate')}
                          <span className="visually-hidden"> {key.name}</span>
                        </button>
                      </form>
                      <button type="button" className="button-secondary" onClick={() => void revoke(key)}>
                        {t('apiKeys.revoke')}
                        <span className="visually-hidden"> {key.name}</span>
                      </button>
                    </div>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={(e) => void create(e)} noValidate>
        <h3>{t('apiKeys.createTitle')}</h3>
        <Field name="name" label={t('apiKeys.name')} hint={t('apiKeys.nameHint')} error={errors.name}>
          {(a11y) => <input {...a11y} name="name" autoComplete="off" />}
        </Field>
        <Choices
          name="scopes"
          legend={t('apiKeys.scopes')}
          error={errors.scopes}
          options={API_SCOPES.map((scope) => ({ value: scope, label: t(SCOPE_WORDS[scope]) }))}
        />
        {places.length > 0 && (
          <Choices
            name="placeIds"
            legend={t('apiKeys.places')}
            hint={t('apiKeys.placesHint')}
            error={errors.placeIds}
            options={places.map((p) => ({ value: String(p.id), label: p.label }))}
          />
        )}
        <DateField
          key={formRound}
          label={t('apiKeys.expiresOn')}
          error={errors.expiresOn}
          registration={{
            name: 'expiresOn',
            onChange: (event: { target: { value: string } }) => {
              setExpiresOn(event.target.value);
              return Promise.resolve();
            },
            onBlur: () => Promise.resolve(),
            ref: () => undefined,
          }}
        />
        <button type="submit">{t('apiKeys.create')}</button>
      </form>
    </section>
  );
}
