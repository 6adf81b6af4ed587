import { Fragment, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { useDates } from '../../components/dates';
import { usePlaceName } from '../../components/place-name';
import { useProfile } from '../../components/profile';
import { useSession } from '../../components/session';
import {
  applicationStatusResponse,
  archiveResponse,
  propertiesResponse,
  staffListResponse,
} from '../../../shared/schemas/responses';
import { APPLICATION_STATUSES } from '../../../shared/schemas/statuses';
import { chargesFee } from '../../../shared/profiles/profile';
import { AnswerRequest } from './AnswerRequest';
import { CabinetTabs } from './CabinetTabs';
import { goToPayment } from './pay';

type Archive = z.infer<typeof archiveResponse>;
type Application = Archive['items'][number];
type Property = z.infer<typeof propertiesResponse>['properties'][number];
type Staff = z.infer<typeof staffListResponse>['items'][number];

const PAGE_SIZE = 20;

/** Cabinet, tab 4 «Архив регистрации»: every application, searched, filtered and paged on the server. */
export function ArchivePage() {
  const { t } = useTranslation();
  const dates = useDates();
  const { user, loaded } = useSession();
  const profile = useProfile();
  const placeName = usePlaceName();
  // Where registering costs nothing, nothing awaits payment and there is no payment to show.
  const paid = chargesFee(profile.registration);
  const statuses = APPLICATION_STATUSES.filter((status) => paid || status !== 'awaiting_payment');
  const location = useLocation();
  // A notice's link opens the archive on its application (?query=<application number>).
  const [filters, setFilters] = useState({
    query: new URLSearchParams(location.search).get('query')?.slice(0, 60) ?? '',
    status: '',
    propertyId: '',
    staffId: '',
  });
  const [page, setPage] = useState(1);
  const [archive, setArchive] = useState<Archive>();
  const [properties, setProperties] = useState<Property[]>([]);
  // A legal entity's administrator filters by who made each registration.
  const [staff, setStaff] = useState<Staff[]>([]);
  const entity = Boolean(user?.entityRole);
  // A page that sent the host here may say why (an application submitted).
  const [notice, setNotice] = useState<string | undefined>(
    (location.state as { notice?: string } | null)?.notice,
  );
  const [cancelling, setCancelling] = useState<Application>();
  const [cancelError, setCancelError] = useState<string>();
  const [paying, setPaying] = useState<number>();
  const dialog = useRef<HTMLDialogElement>(null);

  const load = useCallback(async () => {
    const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    setArchive(await api(`/api/registrations?${params}`, archiveResponse));
  }, [filters, page]);

  useEffect(() => {
    if (user?.role === 'host') void load();
  }, [user, load]);
  // The property filter's choices: once, not on every page or search.
  useEffect(() => {
    if (user?.role === 'host')
      void api('/api/properties', propertiesResponse).then((r) => setProperties(r.properties));
    if (user?.entityRole === 'admin')
      void api('/api/entity/staff', staffListResponse).then((r) => setStaff(r.items));
  }, [user]);
  useEffect(() => {
    if (cancelling) dialog.current?.showModal();
    else dialog.current?.close();
  }, [cancelling]);

  // A row names its place as the host's list does; a place since removed by its key.
  const placeOf = (property: Application['property']) => {
    if (!property) return '—';
    const known = properties.find((p) => p.id === property.id);
    return known ? placeName(known, { short: true }) : property.code;
  };

  if (loaded && user?.role !== 'host') return <Navigate to="/" replace />;
  if (!archive) return <p role="status">{t('app.loading')}</p>;
  const pages = Math.max(1, Math.ceil(archive.total / PAGE_SIZE));

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPage(1);
    setFilters({
      query: String(form.get('query') ?? ''),
      status: String(form.get('status') ?? ''),
      propertyId: String(form.get('propertyId') ?? ''),
      staffId: String(form.get('staffId') ?? ''),
    });
  };

  const pay = async (item: Application) => {
    setPaying(item.id);
    try {
      await goToPayment(item.id);
    } catch (error) {
      setPaying(undefined);
      setNotice(error instanceof ApiError && error.message ? error.message : t('errors.network'));
    }
  };

  const cancel = async () => {
    if (!cancelling) return;
    try {
      await api(`/api/registrations/${cancelling.id}/cancel`, applicationStatusResponse, { method: 'POST' });
      setCancelling(undefined);
      // Said once the list shows it, so that the message and the rows agree.
      await load();
      setNotice(t('archive.cancelled', { number: cancelling.applicationNumber }));
    } catch (error) {
      setCancelError(error instanceof ApiError ? error.message : t('errors.network'));
    }
  };

  return (
    <>
      <h1>{t('cabinet.title')}</h1>
      <CabinetTabs />
      <section aria-labelledby="archive-title" className="panel">
        <h2 id="archive-title">{t('archive.title')}</h2>
        <form className="archive-filters" role="search" onSubmit={search}>
          <div className="field">
            <label htmlFor="archive-query">{t('archive.search')}</label>
            <input
              id="archive-query"
              name="query"
              type="search"
              maxLength={60}
              defaultValue={filters.query}
            />
          </div>
          <div className="field">
            <label htmlFor="archive-status">{t('archive.status')}</label>
            <select id="archive-status" name="status" defaultValue={filters.status}>
              <option value="">{t('archive.any')}</option>
              {statuses.map((status) => (
                <option key={status} value={status}>
                  {t(`${profile.statusWords}.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="archive-property">{t('archive.property')}</label>
            <select id="archive-property" name="propertyId" defaultValue={filters.propertyId}>
              <option value="">{t('archive.any')}</option>
              {properties.map((p) => (
                <option key={p.id} value={p.id}>
                  {placeName(p, { short: true })}
                </option>
              ))}
            </select>
          </div>
          {staff.length > 0 && (
            <div className="field">
              <label htmlFor="archive-staff">{t('archive.staff')}</label>
              <select id="archive-staff" name="staffId" defaultValue={filters.staffId}>
                <option value="">{t('archive.any')}</option>
                {staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.fullName}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="submit">{t('archive.find')}</button>
        </form>
        <div role="status" aria-live="polite" className={notice ? 'notice' : undefined}>
          {notice}
        </div>
        <p aria-live="polite">{t('archive.count', { count: archive.total })}</p>
        {archive.items.length > 0 && (
          <div className="table-scroll">
            <table className="stack-on-phone archive-table">
              <thead>
                <tr>
                  <th scope="col">{t('archive.columns.application')}</th>
                  <th scope="col">{t('archive.columns.foreigner')}</th>
                  <th scope="col">{t('archive.columns.property')}</th>
                  <th scope="col">{t('archive.columns.period')}</th>
                  {paid && <th scope="col">{t('archive.columns.payment')}</th>}
                  <th scope="col">{t('archive.columns.status')}</th>
                  <th scope="col">{t('archive.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {archive.items.map((item) => (
                  <Fragment key={item.id}>
                    <tr className={item.status === 'documents_requested' ? 'has-follow-up' : undefined}>
                      <td data-label={t('archive.columns.application')}>
                        {/* The application's own page: its data, files and the whole of «Сообщения». */}
                        <Link to={`/cabinet/archive/${item.id}`} className="nowrap">
                          <strong>{item.applicationNumber}</strong>
                        </Link>
                        <span className="cell-line hint">{dates.day(item.createdAt)}</span>
                        {item.registrationNumber && (
                          <span className="cell-line">
                            {t('archive.columns.registrationNumber')}: {item.registrationNumber}
                          </span>
                        )}
                        {entity && (
                          <span className="cell-line hint">
                            {t('archive.columns.madeBy')}: {item.staffName ?? '—'}
                          </span>
                        )}
                      </td>
                      <td data-label={t('archive.columns.foreigner')}>
                        {item.fullName}
                        <span className="cell-line hint">
                          {dates.date(item.birthDate)} · {item.passportCountry} {item.passportNumberMasked}
                        </span>
                      </td>
                      <td data-label={t('archive.columns.property')}>{placeOf(item.property)}</td>
                      <td data-label={t('archive.columns.period')}>
                        <span className="nowrap">{dates.date(item.periodFrom)}</span> –{' '}
                        <span className="nowrap">{dates.date(item.periodTo)}</span>
                      </td>
                      {paid && (
                        <td data-label={t('archive.columns.payment')}>
                          {t(`archive.paymentStatuses.${item.paymentStatus ?? 'none'}`)}
                        </td>
                      )}
                      <td data-label={t('archive.columns.status')}>
                        {t(`${profile.statusWords}.${item.status}`)}
                        {item.status === 'rejected' && item.decisionReason && (
                          <p className="hint">
                            {t('archive.rejectedBecause', {
                              reason: t(`operator.queue.reasons.${item.decisionReason}`),
                            })}
                            {item.decisionNote ? ` ${item.decisionNote}` : ''}
                          </p>
                        )}
                        {item.attachments
                          .filter((file) => file.rejectedReason)
                          .map((file) => (
                            <p key={file.id} className="hint field-error">
                              {file.fileName}:{' '}
                              {t('documents.checklist.rejected', { reason: file.rejectedReason })}
                            </p>
                          ))}
                      </td>
                      <td data-label={t('archive.columns.actions')}>
                        <div className="cell-actions">
                          {item.status === 'approved' && (
                            <a
                              className="button-link button-small"
                              href={`/api/registrations/${item.id}/card.pdf`}
                              download
                            >
                              {t('archive.printCard')}
                              <span className="visually-hidden">
                                {' '}
                                {t('archive.printCardNamed', { name: item.fullName })}
                              </span>
                            </a>
                          )}
                          {item.canPay && (
                            <button
                              type="button"
                              className="button-small"
                              disabled={paying === item.id}
                              onClick={() => void pay(item)}
                            >
                              {t('archive.pay')}
                              <span className="visually-hidden">
                                {' '}
                                {t('archive.payNamed', { number: item.applicationNumber })}
                              </span>
                            </button>
                          )}
                          {item.canCancel && (
                            <button
                              type="button"
                              className="button-secondary button-small"
                              onClick={() => {
                                setCancelError(undefined);
                                setCancelling(item);
                              }}
                            >
                              <span aria-hidden="true">{t('archive.columns.cancel')}</span>
                              <span className="visually-hidden">
                                {t('archive.cancel', { number: item.applicationNumber })}
                              </span>
                            </button>
                          )}
                          {item.status !== 'approved' && !item.canPay && !item.canCancel && '—'}
                        </div>
                      </td>
                    </tr>
                    {item.status === 'documents_requested' && (
                      <tr className="follow-up">
                        <td colSpan={paid ? 7 : 6}>
                          <AnswerRequest
                            id={item.id}
                            applicationNumber={item.applicationNumber}
                            onAnswered={async (text) => {
                              await load();
                              setNotice(text);
                            }}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 && (
          <nav aria-label={t('archive.pages')} className="button-row">
            <button
              type="button"
              className="button-secondary"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
            >
              {t('archive.previous')}
            </button>
            <span>{t('archive.pageOf', { page: archive.page, pages })}</span>
            <button
              type="button"
              className="button-secondary"
              disabled={page >= pages}
              onClick={() => setPage(page + 1)}
            >
              {t('archive.next')}
            </button>
          </nav>
        )}
      </section>
      <dialog
        ref={dialog}
        aria-labelledby="cancel-title"
        className="dialog"
        onClose={() => setCancelling(undefined)}
      >
        {cancelling && (
          <>
            <h2 id="cancel-title">
              {t('archive.cancelConfirmTitle', { number: cancelling.applicationNumber })}
            </h2>
            <p>{t('archive.cancelConfirmText', { name: cancelling.fullName })}</p>
            {cancelError && (
              <p className="field-error" role="alert">
                {cancelError}
              </p>
            )}
            <div className="button-row">
              <button type="button" className="button-warning" onClick={() => void cancel()}>
                {t('archive.cancelConfirm')}
              </button>
              <button
                type="button"
                className="button-secondary"
                autoFocus
                onClick={() => setCancelling(undefined)}
              >
                {t('archive.keep')}
              </button>
            </div>
          </>
        )}
      </dialog>
    </>
  );
}
