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
