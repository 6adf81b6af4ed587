/**
 * Every status an application can be in (DESIGN.md). A draft is a `registration_drafts` row: it
 * becomes an application (`awaiting_payment`) when the host confirms it with the PIN.
 */
export const APPLICATION_STATUSES = [
  'awaiting_payment',
  'submitted',
  'in_review',
  'approved',
  'rejected',
  'documents_requested',
  'cancelled',
  'expired',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A payment attempt: pending → paid | failed | expired; paid → refund_pending → refunded. */
export const PAYMENT_STATUSES = [
  'pending',
  'paid',
  'failed',
  'expired',
  'refund_pending',
  'refunded',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
