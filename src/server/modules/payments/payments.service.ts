import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context.js';
import { appendAudit } from '../../db/audit.js';
import type { AfterCommit } from '../../events.js';
import type { Tx } from '../../db/database.js';
import type { PaymentsTable } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import type { Language } from '../../../shared/profiles/index.js';
import { controlCharacterPaths, replaceControlCharacters } from '../../../shared/schemas/fields.js';
import { applicationAwaitingFee, submitApplication } from '../registrations/registrations.service.js';
import { AcquirerUnavailable, type Acquirer, type PaymentEvent, type RawCallback } from './acquirer.js';
import { freedomPayAdapter } from './freedom-pay.js';
import * as repo from './payments.repo.js';
import { sandboxAdapter } from './sandbox-adapter.js';

/** How long a payer has on the acquirer's page, as the guide's «До окончания сессии». */
export const PAYMENT_MINUTES = 20;
/** A pending payment with no callback for this long is asked about. */
export const QUIET_MS = 60_000;

export function createAcquirer(ctx: Pick<AppContext, 'config' | 'secrets' | 'publicUrl'>): Acquirer {
  const acquirer = ctx.config.acquirer;
  if (acquirer.kind === 'freedompay')
    return freedomPayAdapter({
      merchantId: acquirer.merchantId,
      secretKey: acquirer.secret,
      apiUrl: acquirer.apiUrl,
    });
  return sandboxAdapter({ baseUrl: ctx.publicUrl, secret: ctx.secrets.sandboxAcquirerSecret });
}

export const resultPath = (acquirer: string) => `/api/payments/callback/${acquirer}`;

/** The longest an acquirer takes to make an order (its adapters time out sooner). */
const MAKING_ORDER_MS = 20_000;

/**
 * «Оплатить»: the payment page for an application awaiting payment. An application has at most
 * one live order: a second click or a reload while one is open, or still being made with the
 * acquirer by a click a moment earlier, gets that order. The order is written before the acquirer
 * hears of it, so a crash in between leaves an attempt the status job can settle, never a payment
 * Konok does not know.
 */
export async function startPayment(
  ctx: AppContext,
  hostId: number,
  registrationId: number,
  language: Language,
) {
  // The application's row lock makes the clicks take turns: the second sees the first's order.
  const attempt = await ctx.db.transaction().execute(async (tx) => {
    const application = await applicationAwaitingFee(tx, hostId, registrationId);
    const live = await repo.findLivePayment(tx, registrationId, MAKING_ORDER_MS);
    if (live) return { live };
    const n = (await repo.countPayments(tx, registrationId)) + 1;
    const orderId = `${application.applicationNumber}-${n}`;
    const expiresAt = new Date(Date.now() + PAYMENT_MINUTES * 60_000);
    const id = await repo.insertPayment(tx, {
      registrationId,
      acquirer: ctx.acquirer.name,
      orderId,
      amountMinor: application.fee.amountMinor,
      currency: application.fee.currency,
      expiresAt,
    });
    return {
      create: {
        id,
        orderId,
        amountMinor: application.fee.amountMinor,
        currency: application.fee.currency,
        expiresAt,
        applicationNumber: application.applicationNumber,
      },
    };
  });
  if (attempt.live) {
    const { id, order_id: orderId, redirect_url: redirectUrl } = attempt.live;
    return { orderId, redirectUrl: redirectUrl ?? (await waitForPaymentPage(ctx, id)) };
  }
  const order = attempt.create;
  const base = ctx.publicUrl();
  try {
    const created = await ctx.acquirer.createPayment({
      orderId: order.orderId,
      amountMinor: order.amountMinor,
      currency: order.currency,
      description: `Registration fee, application ${order.applicationNumber}`,
      returnUrl: `${base}/cabinet/payment/${encodeURIComponent(order.orderId)}`,
      resultUrl: `${base}${resultPath(ctx.acquirer.name)}`,
      expiresAt: order.expiresAt,
      idempotencyKey: order.orderId,
      language,
    });
    await repo.setAcquirerRef(ctx.db, order.id, created.paymentRef, created.redirectUrl);
    return { orderId: order.orderId, redirectUrl: created.redirectUrl };
  } catch (error) {
    if (!(error instanceof AcquirerUnavailable)) throw error;
    await repo.setStatus(ctx.db, order.id, 'failed', { failureReason: 'acquirer_unavailable' });
    throw acquirerUnavailable();
  }
}

const acquirerUnavailable = () =>
  new AppError({ status: 503, code: 'acquirer_unavailable', messageKey: 'errors.payment.unavailable' });

/** The page of an order another click is making with the acquirer right now, once it has one. */
async function waitForPaymentPage(ctx: AppContext, paymentId: number): Promise<string> {
  const deadline = Date.now() + MAKING_ORDER_MS;
  while (Date.now() < deadline) {
    const payment = await repo.findPaymentPage(ctx.db, paymentId);
    if (payment?.redirect_url) return payment.redirect_url;
    if (payment?.status !== 'pending') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw acquirerUnavailable();
}

type Payment = Pick<PaymentsTable, 'status' | 'order_id' | 'acquirer'> & {
  id: number;
  registration_id: number;
};

/**
 * The one place a payment's outcome is applied, to a payment row locked by the caller: from a
 * callback, the payer's return or the status job, in any order and any number of times, the
 * payment moves once. Money that arrives for an application that no longer awaits it is refunded.
 */
async function settle(
  ctx: AppContext,
  tx: Tx,
  {
    payment,
    outcome,
    failureReason,
  }: { payment: Payment; outcome: PaymentEvent['outcome']; failureReason?: string },
) {
  const id = Number(payment.id);
  if (outcome === 'paid' && ['pending', 'expired', 'failed'].includes(payment.status)) {
    await repo.setStatus(tx, id, 'paid', { paidAt: new Date() });
    const submitted = await submitApplication(ctx, tx, {
      registrationId: Number(payment.registration_id),
      actor: { kind: 'acquirer', name: payment.acquirer },
      details: { orderId: payment.order_id },
    });
    if (!submitted) await repo.setStatus(tx, id, 'refund_pending');
    await appendAudit(tx, {
      actor: { kind: 'acquirer', name: payment.acquirer },
      action: 'payment.paid',
      entity: 'payment',
      entityId: id,
      before: { status: payment.status },
      after: { status: submitted ? 'paid' : 'refund_pending', orderId: payment.order_id },
    });
  } else if (outcome === 'failed' && payment.status === 'pending') {
    await repo.setStatus(tx, id, 'failed', { failureReason: failureReason ?? 'failed' });
  } else if (outcome === 'refunded' && ['paid', 'refund_pending'].includes(payment.status)) {
    await repo.setStatus(tx, id, 'refunded');
  }
}

/**
 * A result callback: verified, written to the inbox, checked against the order it names, and only
 * then applied, all in one transaction. The answer is what the acquirer expects to stop retrying.
 */
export async function receiveCallback(ctx: AppContext, raw: RawCallback, log: FastifyBaseLogger) {
  const acquirer = ctx.acquirer;
  const checked = acquirer.verifyCallback(raw);
  // Even a signed message is text from outside: a control character in it is refused, not stored.
  const verdict =
    checked.ok && controlCharacterPaths(checked.event).length > 0
      ? { ok: false as const, reason: 'control characters', claimed: checked.event }
      : checked;
  if (!verdict.ok) {
    const claimed = (text: string | undefined, max: number) =>
      text === undefined ? null : replaceControlCharacters(text.slice(0, max));
    await repo.recordCallback(ctx.db, {
      acquirer: acquirer.name,
      payment_ref: claimed(verdict.claimed?.paymentRef, 100),
      event: null,
      order_id: claimed(verdict.claimed?.orderId, 64),
      amount_minor: null,
      currency: null,
      signature_valid: false,
      outcome: 'rejected',
      reason: verdict.reason,
    });
    // What was claimed and why it was refused; a callback never carries card data.
    log.warn(
      { acquirer: acquirer.name, reason: verdict.reason, orderId: verdict.claimed?.orderId },
      'payment callback refused',
    );
    return acquirer.acknowledge(undefined, 'rejected', verdict.reason);
  }
  const event = verdict.event;
  const decision = await ctx.events.transaction(ctx.db, async (tx) => {
    const inboxId = await repo.recordCallback(tx, {
      acquirer: acquirer.name,
      payment_ref: event.paymentRef,
      event: event.event,
      order_id: event.orderId,
      amount_minor: event.amountMinor,
      currency: event.currency,
      signature_valid: true,
      outcome: 'accepted',
      reason: null,
    });
    if (inboxId === undefined) {
      // This event was applied already: the same message again is acknowledged and nothing is
      // done; a different one under the same event is refused.
      const applied = await repo.appliedCallback(tx, acquirer.name, event.paymentRef, event.event);
      const same =
        applied?.order_id === event.orderId &&
        applied.amount_minor === event.amountMinor &&
        applied.currency === event.currency;
      return same
        ? ({ decision: 'accepted' } as const)
        : ({ decision: 'rejected', reason: 'differs from the applied callback' } as const);
    }
    const payment = await repo.lockByRef(tx, acquirer.name, event.paymentRef);
    const problem = !payment
      ? 'unknown payment'
      : payment.order_id !== event.orderId
        ? 'order mismatch'
        : payment.amount_minor !== event.amountMinor
          ? 'amount mismatch'
          : payment.currency !== event.currency
            ? 'currency mismatch'
            : undefined;
    if (problem) {
      await repo.setCallbackOutcome(tx, inboxId, 'rejected', problem);
      return { decision: 'rejected', reason: problem } as const;
    }
    await settle(ctx, tx, { payment: payment!, outcome: event.outcome, failureReason: event.failureReason });
    return { decision: 'accepted' } as const;
  });
  if (decision.decision === 'rejected')
    log.warn(
      { acquirer: acquirer.name, reason: decision.reason, orderId: event.orderId },
      'payment callback rejected',
    );
  return acquirer.acknowledge(event, decision.decision, decision.reason);
}

/** Asks the acquirer about one payment and applies what it says; false if it could not be asked. */
async function checkWithAcquirer(ctx: AppContext, paymentId: number): Promise<boolean> {
  const current = await repo.findById(ctx.db, paymentId);
  if (!current?.payment_ref) {
    // The acquirer never heard of it (it failed before answering): nothing to ask.
    if (current?.status === 'pending' && current.expires_at.getTime() < Date.now())
      await repo.setStatus(ctx.db, paymentId, 'expired');
    return true;
  }
  let state;
  try {
    state = await ctx.acquirer.getStatus(current.payment_ref);
  } catch (error) {
    if (error instanceof AcquirerUnavailable) return false;
    throw error;
  }
  await ctx.events.transaction(ctx.db, async (tx) => {
    const payment = await repo.lockById(tx, paymentId);
    if (!payment) return;
    const genuine =
      state.orderId === payment.order_id &&
      state.amountMinor === payment.amount_minor &&
      state.currency === payment.currency;
    if ((state.status === 'paid' || state.status === 'refunded') && genuine)
      await settle(ctx, tx, { payment, outcome: state.status === 'refunded' ? 'refunded' : 'paid' });
    else if (state.status === 'failed')
      await settle(ctx, tx, { payment, outcome: 'failed', failureReason: state.failureReason });
    else if (
      payment.status === 'pending' &&
      (state.status === 'expired' || payment.expires_at.getTime() < Date.now())
    )
      await repo.setStatus(tx, paymentId, 'expired');
  });
  return true;
}

/**
 * The payer came back from the acquirer's page. The return itself proves nothing (anyone can open
 * the URL), so Konok asks the acquirer, unless a callback has already settled the payment.
 */
export async function paymentResult(ctx: AppContext, hostId: number, orderId: string) {
  let payment = await repo.findHostPayment(ctx.db, hostId, orderId);
  if (!payment) throw notFound('errors.payment.notFound');
  if (payment.status === 'pending') {
    await checkWithAcquirer(ctx, payment.id);
    payment = (await repo.findHostPayment(ctx.db, hostId, orderId))!;
  }
  return {
    orderId: payment.order_id,
    status: payment.status,
    amountMinor: payment.amount_minor,
    currency: payment.currency,
    failureReason: payment.failure_reason,
    application: {
      id: payment.registration_id,
      number: payment.application_number,
      status: payment.application_status,
    },
  };
}

/** Sends a refund marked in a cancellation to the acquirer; the job retries what fails. */
async function sendRefund(ctx: AppContext, paymentId: number): Promise<boolean> {
  const payment = await repo.findById(ctx.db, paymentId);
  if (payment?.status !== 'refund_pending' || !payment.payment_ref) return false;
  try {
    await repo.countRefundAttempt(ctx.db, paymentId);
    await ctx.acquirer.refund(payment.payment_ref, payment.amount_minor);
  } catch (error) {
    if (error instanceof AcquirerUnavailable) return false;
    throw error;
  }
  await ctx.db.transaction().execute(async (tx) => {
    const locked = await repo.lockById(tx, paymentId);
    if (locked) await settle(ctx, tx, { payment: locked, outcome: 'refunded' });
  });
  return true;
}

/**
 * A cancelled application's paid fee goes back: marked in the cancellation's own transaction, and
 * sent to the acquirer once that has committed (the status job retries what fails).
 */
export const refundWhenCancelled =
  (ctx: AppContext) =>
  async (tx: Tx, event: { registrationId: number; feePaid: boolean }): Promise<AfterCommit | void> => {
    if (event.feePaid && (await repo.markRefundPending(tx, event.registrationId)))
      return () => refundCancelled(ctx, event.registrationId);
  };

async function refundCancelled(ctx: AppContext, registrationId: number) {
  for (const id of await repo.refundsPending(ctx.db, registrationId)) await sendRefund(ctx, id);
}

/**
 * The status job: pending payments that heard nothing for a while are asked about (a lost
 * callback must not leave a paid application unpaid), those past their 20 minutes expire, and
 * refunds that did not go through are sent again.
 */
export async function checkQuietPayments(ctx: AppContext, quietMs = QUIET_MS): Promise<number> {
  const ids = await repo.claimForCheck(ctx.db, { quietMs, limit: 50, acquirer: ctx.acquirer.name });
  for (const id of ids) {
    const payment = await repo.findById(ctx.db, id);
    if (payment?.status === 'refund_pending') await sendRefund(ctx, id);
    else await checkWithAcquirer(ctx, id);
  }
  return ids.length;
}
