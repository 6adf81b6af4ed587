import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../components/session';
import { paymentResultResponse } from '../../../shared/schemas/responses';
import { CabinetTabs } from '../cabinet/CabinetTabs';
import { formatMoney } from '../../../shared/money';
import { goToPayment } from '../cabinet/pay';

type Result = z.infer<typeof paymentResultResponse>;

/** How long the page keeps asking while the bank has not answered, and how often. */
const POLL_MS = 2000;
const POLL_FOR_MS = 60_000;
const KNOWN_REASONS = ['declined', 'insufficient_funds'];

/** Where the acquirer sends the payer back: Konok asks the acquirer, then says what happened. */
export function PaymentResultPage() {
  const { t, i18n } = useTranslation();
  const { user, loaded } = useSession();
  const { orderId = '' } = useParams();
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState<string>();
  const [waitedOut, setWaitedOut] = useState(false);
  const [paying, setPaying] = useState(false);
  const started = useRef(Date.now());

  useEffect(() => {
    if (user?.role !== 'host') return;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const next = await api(`/api/payments/${encodeURIComponent(orderId)}`, paymentResultResponse);
        setResult(next);
        if (next.status !== 'pending') return;
        if (Date.now() - started.current > POLL_FOR_MS) setWaitedOut(true);
        else timer = window.setTimeout(() => void poll(), POLL_MS);
      } catch (caught) {
        setError(caught instanceof ApiError && caught.message ? caught.message : t('errors.network'));
      }
    };
    void poll();
    return () => window.clearTimeout(timer);
  }, [user, orderId, t]);

  if (loaded && user?.role !== 'host') return <Navigate to="/" replace />;

  const amount = result ? formatMoney(result.amountMinor, result.currency, i18n.language) : '';
  const reason = (code: string | null) =>
    t(`payment.reasons.${code && KNOWN_REASONS.includes(code) ? code : 'other'}`);
  const canPayAgain = result?.application.status === 'awaiting_payment' && result.status !== 'pending';

  const message = !result
    ? undefined
    : result.status === 'paid'
      ? t('payment.paid', { number: result.application.number })
      : result.status === 'pending'
        ? waitedOut
          ? t('payment.stillPending')
          : t('payment.pending')
        : result.status === 'failed'
          ? t('payment.failed', { reason: reason(result.failureReason) })
          : result.status === 'expired'
            ? t('payment.expired')
            : result.status === 'refund_pending'
              ? t('payment.refundPending')
              : t('payment.refunded');

  return (
    <>
      <h1>{t('cabinet.title')}</h1>
      <CabinetTabs />
      <section className="panel" aria-labelledby="payment-title">
        <h2 id="payment-title">{t('payment.title')}</h2>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {!result && !error && <p role="status">{t('app.loading')}</p>}
        {result && (
          <>
            <p>{t('payment.order', { order: result.orderId, number: result.application.number, amount })}</p>
            <div
              role="status"
              aria-live="polite"
              className={
                result.status === 'paid'
                  ? 'notice notice--success'
                  : result.status === 'pending' && !waitedOut
                    ? 'notice notice--progress'
                    : result.status === 'pending'
                      ? 'notice'
                      : 'notice notice--error'
              }
            >
              {result.status === 'pending' && !waitedOut && <span className="spinner" aria-hidden="true" />}
              {message}
            </div>
            <div className="button-row">
              {canPayAgain && (
                <button
                  type="button"
                  disabled={paying}
                  onClick={async () => {
                    setPaying(true);
                    try {
                      await goToPayment(result.application.id);
                    } catch (caught) {
                      setPaying(false);
                      setError(
                        caught instanceof ApiError && caught.message ? caught.message : t('errors.network'),
                      );
                    }
                  }}
                >
                  {paying ? t('payment.redirecting') : t('payment.payAgain')}
                </button>
              )}
              <Link to="/cabinet/archive">{t('payment.toArchive')}</Link>
            </div>
          </>
        )}
      </section>
    </>
  );
}
