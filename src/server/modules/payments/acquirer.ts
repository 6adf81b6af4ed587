/**
 * What Konok needs from a card acquirer, in the shape real ones share: create a payment and send
 * the payer to its page; hear the signed server-to-server result; answer it; ask for a status;
 * refund. Each acquirer is an adapter behind this interface, chosen by ACQUIRER.
 */
export interface Acquirer {
  readonly name: string;
  createPayment(input: CreatePaymentInput): Promise<{ paymentRef: string; redirectUrl: string }>;
  /** A result callback as it arrived; a signature problem is an answer, not an exception. */
  verifyCallback(request: RawCallback): CallbackVerdict;
  /** The HTTP reply the acquirer expects once Konok has decided. */
  acknowledge(event: PaymentEvent | undefined, decision: 'accepted' | 'rejected', reason?: string): HttpReply;
  getStatus(paymentRef: string): Promise<PaymentState>;
  refund(paymentRef: string, amountMinor: number): Promise<{ refunded: boolean }>;
}

export interface CreatePaymentInput {
  orderId: string;
  amountMinor: number;
  currency: string;
  description: string;
  /** Where the payer's browser comes back to. */
  returnUrl: string;
  /** Where the acquirer calls Konok, server to server, with the result. */
  resultUrl: string;
  expiresAt: Date;
  idempotencyKey: string;
  language: string;
}

export interface RawCallback {
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received: signatures are over bytes, not over parsed JSON. */
  rawBody: string;
  contentType: string;
  /** The last segment of the path the callback came to (some acquirers sign it). */
  scriptName: string;
}

export type PaymentOutcome = 'paid' | 'failed' | 'refunded';

export interface PaymentEvent {
  paymentRef: string;
  orderId: string;
  /** Names this event for the inbox: the same event delivered twice has the same name. */
  event: string;
  outcome: PaymentOutcome;
  amountMinor: number;
  currency: string;
  failureReason?: string;
}

export type CallbackVerdict =
  { ok: true; event: PaymentEvent } | { ok: false; reason: string; claimed?: Partial<PaymentEvent> };

export interface HttpReply {
  status: number;
  contentType: string;
  body: string;
}

export interface PaymentState {
  /** expired: the payer's session ended unpaid (the acquirer will take nothing for this order). */
  status: 'pending' | 'paid' | 'failed' | 'expired' | 'refunded' | 'unknown';
  amountMinor?: number;
  currency?: string;
  orderId?: string;
  failureReason?: string;
}

/** An acquirer that could not be reached or answered nonsense: try again later. */
export class AcquirerUnavailable extends Error {}
