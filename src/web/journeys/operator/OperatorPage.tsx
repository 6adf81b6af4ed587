import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDates } from '../../components/dates';
import { Navigate } from 'react-router';
import type { z } from 'zod';
import { api } from '../../api/client';
import {
  operatorResponse,
  recentHostsResponse,
  sharedPropertiesResponse,
} from '../../../shared/schemas/responses';
import { useSession } from '../../components/session';
import { EntityCabinets } from './EntityCabinets';
import { EntityQueue } from './EntityQueue';
import { ReviewQueue } from './ReviewQueue';

type Operator = z.infer<typeof operatorResponse>;
type HostRow = z.infer<typeof recentHostsResponse>['hosts'][number];

type SharedRow = z.infer<typeof sharedPropertiesResponse>['properties'][number];

/** The operator's workspace: who is signed in and the cabinets hosts have opened. */
export function OperatorPage() {
  const { t } = useTranslation();
  const dates = useDates();
  const { user, loaded } = useSession();
  const [operator, setOperator] = useState<Operator>();
  const [hosts, setHosts] = useState<HostRow[]>();
  const [shared, setShared] = useState<SharedRow[]>([]);
  // An approval opens a cabinet: the cabinets' list reloads after each entity decision.
  const [entityDecisions, setEntityDecisions] = useState(0);
  useEffect(() => {
    if (user?.role !== 'operator') return;
    void api('/api/operator/me', operatorResponse).then(setOperator);
    void api('/api/operator/hosts', recentHostsResponse).then((r) => setHosts(r.hosts));
    void api('/api/operator/shared-properties', sharedPropertiesResponse).then((r) =>
      setShared(r.properties),
    );
  }, [user]);
  if (loaded && user?.role !== 'operator') return <Navigate to="/" replace />;
  if (!operator || !hosts) return <p role="status">{t('app.loading')}</p>;
  return (
    <>
      <h1>{t('operator.title')}</h1>
      <p>
        {t('operator.signedInAs', { name: operator.fullName, role: t(`operator.roles.${operator.role}`) })}
      </p>
      <ReviewQueue />
      <EntityQueue onDecided={() => setEntityDecisions((n) => n + 1)} />
      <EntityCabinets version={entityDecisions} />
      <section aria-labelledby="hosts-title" className="panel">
        <h2 id="hosts-title">{t('operator.hostsTitle')}</h2>
        {hosts.length === 0 ? (
          <p>{t('operator.hostsEmpty')}</p>
        ) : (
          <table className="stack-on-phone">
            <thead>
              <tr>
                <th scope="col">{t('operator.columns.name')}</th>
                <th scope="col">{t('operator.columns.subjectType')}</th>
                <th scope="col">{t('operator.columns.status')}</th>
                <th scope="col">{t('operator.columns.created')}</th>
              </tr>
            </thead>
            <tbody>
              {hosts.map((host) => (
                <tr key={host.id}>
                  <td data-label={t('operator.columns.name')}>{host.name}</td>
                  <td data-label={t('operator.columns.subjectType')}>
                    {t(`signup.subject.${host.subjectType}`)}
                  </td>
                  <td data-label={t('operator.columns.status')}>{t(`operator.hostStatus.${host.status}`)}</td>
                  <td data-label={t('operator.columns.created')}>{dates.dateTime(host.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="shared-title" className="panel">
        <h2 id="shared-title">{t('operator.sharedTitle')}</h2>
        {shared.length === 0 ? (
          <p>{t('operator.sharedEmpty')}</p>
        ) : (
          <table className="stack-on-phone">
            <thead>
              <tr>
                <th scope="col">{t('properties.code')}</th>
                <th scope="col">{t('properties.address')}</th>
                <th scope="col">{t('operator.columns.name')}</th>
                <th scope="col">{t('properties.dateAdded')}</th>
              </tr>
            </thead>
            <tbody>
              {shared.map((row) => (
                <tr key={`${row.code}-${row.host}-${row.addedAt}`}>
                  <td data-label={t('properties.code')}>{row.code}</td>
                  <td data-label={t('properties.address')}>{row.addressLine}</td>
                  <td data-label={t('operator.columns.name')}>{row.host}</td>
                  <td data-label={t('properties.dateAdded')}>{dates.day(row.addedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
