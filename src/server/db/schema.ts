import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { PaymentStatus } from '../../shared/schemas/statuses.js';

type CreatedAt = ColumnType<Date, never, never>;
/** `date` columns travel as 'YYYY-MM-DD' strings (see the type parser in database.ts). */
type DateString = string;

export interface DocumentsTable {
  id: Generated<number>;
  sha256: string;
  media_type: string;
  size_bytes: number;
  kind: string;
  owner_host_id: number | null;
  created_at: CreatedAt;
}

export interface PropertyRegistryTable {
  code: string;
  region: string;
  district: string;
  locality: string;
  street: string;
  house: string;
  building: string | null;
  flat: string | null;
  postal_code: string;
  /** numeric: pg returns it as a string */
  area_m2: string | number;
  rooms: number;
  created_at: CreatedAt;
}

export interface PropertiesTable {
  id: Generated<number>;
  host_id: number;
  code: string;
  address: unknown;
  /** From the registry; unknown for a place the host described by its address. */
  area_m2: string | number | null;
  rooms: number | null;
  capacity: number;
  document_id: number;
  removed_at: Date | null;
  created_at: CreatedAt;
}

export interface HostsTable {
  id: Generated<number>;
  profile: string;
  /** A person, or a legal entity (no passport, no login of its own: its staff sign in). */
  kind: Generated<'person' | 'legal_entity'>;
  subject_type: string;
  status: 'pending_activation' | 'active';
  language: string;
  email: string | null;
  password_hash: string | null;
  surname: string;
  given_names: string;
  birth_date: DateString | null;
  sex: string | null;
  passport_type: string | null;
  passport_country: string | null;
  passport_number_enc: string | null;
  passport_number_hash: string | null;
  passport_issue_date: DateString | null;
  passport_expiry_date: DateString | null;
  personal_number_enc: string | null;
  personal_number_hash: string | null;
  phone: string;
  pin_hash: string | null;
  passport_document_id: number | null;
  photo_document_id: number | null;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  pin_failures: Generated<number>;
  pin_locked_until: Date | null;
  activated_at: Date | null;
  created_at: CreatedAt;
}

export interface ConsentsTable {
  id: Generated<number>;
  host_id: number;
  document: string;
  version: string;
  accepted_at: Date;
  created_at: CreatedAt;
}

export interface OperatorsTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  full_name: string;
  role: 'operator' | 'supervisor';
  failed_logins: Generated<number>;
  locked_until: Date | null;
  created_at: CreatedAt;
  totp_secret_enc: string | null;
  totp_pending_secret_enc: string | null;
  totp_enrolled_at: Date | null;
  totp_last_step: number | null;
}

export interface OperatorRecoveryCodesTable {
  operator_id: number;
  code_hash: string;
  used_at: Date | null;
}

export type LegalEntityApplicationStatus =
  'submitted' | 'in_review' | 'documents_requested' | 'approved' | 'rejected';

export interface LegalEntityApplicationsTable {
  id: Generated<number>;
  number: string;
  access_token_hash: string;
  status: LegalEntityApplicationStatus;
  language: string;
  name: string;
  tax_number_hash: string;
  email: string;
  phone: string;
  data_enc: string;
  submitted_at: Date;
  claimed_by: number | null;
  claim_until: Date | null;
  decided_by: number | null;
  decided_at: Date | null;
  decision_reason: string | null;
  decision_note: string | null;
  host_id: number | null;
  created_at: CreatedAt;
}

export interface LegalEntityApplicationDocumentsTable {
  application_id: number;
  document_id: number;
  field: string;
  added_at: Generated<Date>;
}

export interface LegalEntitiesTable {
  id: Generated<number>;
  host_id: number;
  application_id: number;
  name: string;
  tax_number_enc: string;
  tax_number_hash: string;
  legal_address: string;
  actual_address: string;
  activity: string;
  head_name: string;
  email: string;
  phone: string;
  created_at: CreatedAt;
}

export interface EntityStaffTable {
  id: Generated<number>;
  host_id: number;
  email: string;
  full_name: string;
  role: 'admin' | 'staff';
  password_hash: string | null;
  pin_hash: string | null;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  pin_failures: Generated<number>;
  pin_locked_until: Date | null;
  disabled_at: Date | null;
  activated_at: Date | null;
  created_at: CreatedAt;
}

export interface StaffTokensTable {
  token_hash: string;
  staff_id: number;
  expires_at: Date;
  used_at: Date | null;
}

export interface SessionsTable {
  token_hash: string;
  host_id: number | null;
  operator_id: number | null;
  staff_id: number | null;
  expires_at: Date;
  created_at: CreatedAt;
}

export type CodePurpose = 'activation' | 'phone_change' | 'password_reset';

export interface OneTimeCodesTable {
  id: Generated<number>;
  host_id: number;
  purpose: CodePurpose;
  code_hash: string;
  handle_hash: string | null;
  target: string | null;
  attempts: Generated<number>;
  expires_at: Date;
  sent_at: Date;
  used_at: Date | null;
  invalidated_at: Date | null;
  created_at: CreatedAt;
}

export interface UsedTokensTable {
  token_hash: string;
  kind: string;
  expires_at: Date;
  created_at: CreatedAt;
}

export interface OutboxTable {
  id: Generated<number>;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string | null;
  body: string;
  status: Generated<'pending' | 'sent' | 'failed'>;
  transport: string | null;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  sent_at: Date | null;
  /** Set while a worker sends the message; another worker takes it only after this. */
  lease_until: Date | null;
  created_at: CreatedAt;
}

export interface RateLimitsTable {
  key: string;
  hits: number;
  reset_at: Date;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  created_at: CreatedAt;
}

export interface RegistrationsTable {
  id: Generated<number>;
  host_id: number;
  application_number: string;
  registration_number: string | null;
  passport_number_hash: string;
  status: string;
  valid_from: DateString | null;
  valid_until: DateString | null;
  property_id: number | null;
  surname: string | null;
  given_names: string | null;
  patronymic: string | null;
  birth_date: DateString | null;
  sex: string | null;
  passport_type: string | null;
  passport_country: string | null;
  passport_number_enc: string | null;
  passport_issue_date: DateString | null;
  passport_expiry_date: DateString | null;
  entry_date: DateString | null;
  phone: string | null;
  email: string | null;
  purpose: string | null;
  with_guardian: boolean | null;
  fee_minor: number | null;
  fee_currency: string | null;
  language: string | null;
  mrz_fields: unknown;
  mrz_changed_fields: unknown;
  flags: unknown;
  passport_document_id: number | null;
  photo_document_id: number | null;
  /** The answers outside the core columns, one encrypted JSON (forms/stored.ts); null when none. */
  answers_enc: string | null;
  form_version: number | null;
  submitted_at: Date | null;
  claimed_by: number | null;
  claim_until: Date | null;
  decided_by: number | null;
  decided_at: Date | null;
  decision_reason: string | null;
  decision_note: string | null;
  revoked_at: Date | null;
  /** The last day the host may answer a request for documents (service calendar), while one is open. */
  answer_due: DateString | null;
  staff_id: number | null;
  /** The legal entity's own reference (its booking number), given through the API. */
  external_reference: Generated<string | null>;
  updated_at: Date | null;
  created_at: CreatedAt;
}

export interface PaymentsTable {
  id: Generated<number>;
  registration_id: number;
  acquirer: string;
  order_id: string;
  payment_ref: string | null;
  amount_minor: number;
  currency: string;
  status: PaymentStatus;
  failure_reason: string | null;
  redirect_url: string | null;
  expires_at: Date;
  checked_at: Date | null;
  paid_at: Date | null;
  refund_attempts: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface RegistrationDocumentsTable {
  registration_id: number;
  document_id: number;
  added_at: CreatedAt;
  /** The host's answer the file came with. */
  message_id: number | null;
  /** The checklist item (forms/documents.ts); null for a file sent later on request. */
  type: string | null;
  /** The part's place among its item's parts, from 1. */
  position: number | null;
  rejected_reason: string | null;
  rejected_by: number | null;
  rejected_at: Date | null;
}

export interface RegistrationMessagesTable {
  id: Generated<number>;
  registration_id: number;
  author: 'operator' | 'host';
  operator_id: number | null;
  host_id: number | null;
  staff_id: number | null;
  /** The words of the message, encrypted (a message may be files alone). */
  text_enc: string | null;
  created_at: CreatedAt;
}

export interface PaymentCallbacksTable {
  id: Generated<number>;
  acquirer: string;
  payment_ref: string | null;
  event: string | null;
  order_id: string | null;
  amount_minor: number | null;
  currency: string | null;
  signature_valid: boolean;
  outcome: 'accepted' | 'rejected' | 'duplicate';
  reason: string | null;
  received_at: CreatedAt;
}

export interface SandboxAcquirerPaymentsTable {
  ref: string;
  idempotency_key: string;
  order_id: string;
  amount_minor: number;
  currency: string;
  description: string;
  language: string;
  return_url: string;
  result_url: string;
  expires_at: Date;
  status: 'new' | 'paid' | 'declined' | 'insufficient_funds' | 'expired' | 'refunded';
  card_last4: string | null;
  refunded_minor: Generated<number>;
  created_at: CreatedAt;
}

export interface SandboxAcquirerCallbacksTable {
  id: Generated<number>;
  ref: string;
  body: string;
  url: string;
  attempts: Generated<number>;
  drop_first: Generated<number>;
  repeat: Generated<boolean>;
  next_attempt_at: Date;
  lease_until: Date | null;
  delivered_at: Date | null;
}

export interface RegistrationDraftsTable {
  id: Generated<number>;
  host_id: number;
  data_enc: string;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface ApiKeysTable {
  id: Generated<number>;
  host_id: number;
  name: string;
  mode: 'live' | 'test';
  secret_hash: string;
  /** The secret's last four characters, for telling keys apart in the cabinet. */
  hint: string;
  scopes: ColumnType<string[], string, string>;
  place_ids: ColumnType<number[] | null, string | null, string | null>;
  expires_at: Date | null;
  revoked_at: Generated<Date | null>;
  rotated_to: Generated<number | null>;
  created_by: number | null;
  last_used_at: Generated<Date | null>;
  last_used_address: Generated<string | null>;
  created_at: CreatedAt;
}

export interface IdempotencyKeysTable {
  key_id: number;
  idempotency_key: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: Generated<Date>;
}

export interface ApiBatchesTable {
  id: string;
  key_id: number;
  host_id: number;
  source: 'json' | 'csv';
  language: string;
  total: number;
  columns: ColumnType<string[] | null, string | null, string | null>;
  finished_at: Generated<Date | null>;
  created_at: CreatedAt;
}

export interface ApiBatchRowsTable {
  batch_id: string;
  row_no: number;
  input_enc: string | null;
  state: Generated<'pending' | 'accepted' | 'rejected'>;
  application_number: Generated<string | null>;
  errors: ColumnType<unknown, string | null, string | null>;
  claimed_until: Generated<Date | null>;
  processed_at: Generated<Date | null>;
}

export interface Database {
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  api_batches: ApiBatchesTable;
  api_batch_rows: ApiBatchRowsTable;
  documents: DocumentsTable;
  hosts: HostsTable;
  consents: ConsentsTable;
  operators: OperatorsTable;
  legal_entity_applications: LegalEntityApplicationsTable;
  legal_entities: LegalEntitiesTable;
  entity_staff: EntityStaffTable;
  staff_tokens: StaffTokensTable;
  legal_entity_application_documents: LegalEntityApplicationDocumentsTable;
  operator_recovery_codes: OperatorRecoveryCodesTable;
  sessions: SessionsTable;
  one_time_codes: OneTimeCodesTable;
  used_tokens: UsedTokensTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  registrations: RegistrationsTable;
  property_registry: PropertyRegistryTable;
  properties: PropertiesTable;
  rate_limits: RateLimitsTable;
  registration_drafts: RegistrationDraftsTable;
  payments: PaymentsTable;
  registration_documents: RegistrationDocumentsTable;
  registration_messages: RegistrationMessagesTable;
  payment_callbacks: PaymentCallbacksTable;
  sandbox_acquirer_payments: SandboxAcquirerPaymentsTable;
  sandbox_acquirer_callbacks: SandboxAcquirerCallbacksTable;
}

export type HostRow = Selectable<HostsTable>;
export type NewHost = Insertable<HostsTable>;
