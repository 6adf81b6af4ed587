import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The passport page and the live photo the host gave with the application.
  await db.schema
    .alterTable('registrations')
    .addColumn('passport_document_id', 'bigint', (c) => c.references('documents.id'))
    .addColumn('photo_document_id', 'bigint', (c) => c.references('documents.id'))
    .execute();

  // The capacity check counts a property's registrations for a period on every «Проверка данных».
  await sql`create index registrations_property_idx on registrations (property_id, valid_until)`.execute(db);

  // Application numbers come from a sequence per year (no lock that confirmations queue behind),
  // continuing where the counter table left off.
  const { rows: years } = await sql<{
    year: number;
    last: number;
  }>`select year, last from application_numbers`.execute(db);
  for (const { year, last } of years)
    await sql`create sequence ${sql.id(`application_number_${year}`)} start ${sql.lit(Number(last) + 1)}`.execute(
      db,
    );
  await db.schema.dropTable('application_numbers').execute();

  // One row per attempt to pay an application; the order id is what the acquirer knows.
  await db.schema
    .createTable('payments')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('registration_id', 'bigint', (c) => c.notNull().references('registrations.id'))
    .addColumn('acquirer', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull().unique())
    .addColumn('payment_ref', 'text')
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // pending → paid | failed | expired; paid → refund_pending → refunded
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('failure_reason', 'text')
    .addColumn('redirect_url', 'text')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('checked_at', 'timestamptz')
    .addColumn('paid_at', 'timestamptz')
    .addColumn('refund_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index payments_ref_idx on payments (acquirer, payment_ref) where payment_ref is not null`.execute(
    db,
  );
  await sql`create index payments_registration_idx on payments (registration_id, id desc)`.execute(db);
  await sql`create index payments_open_idx on payments (status, created_at) where status in ('pending', 'refund_pending')`.execute(
    db,
  );

  // Every callback an acquirer sent, written before it is acted on. A genuine one is kept once per
  // (acquirer, payment, event): a second delivery finds its first. Forged ones are kept too (they
  // never block a genuine one), with what was wrong. No card data ever arrives here.
  await db.schema
    .createTable('payment_callbacks')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('acquirer', 'text', (c) => c.notNull())
    .addColumn('payment_ref', 'text')
    .addColumn('event', 'text')
    .addColumn('order_id', 'text')
    .addColumn('amount_minor', 'integer')
    .addColumn('currency', 'text')
    .addColumn('signature_valid', 'boolean', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index payment_callbacks_event_idx on payment_callbacks (acquirer, payment_ref, event) where signature_valid`.execute(
    db,
  );

  // The built-in sandbox acquirer's own books. Konok's code never reads them: it asks over HTTP.
  await db.schema
    .createTable('sandbox_acquirer_payments')
    .addColumn('ref', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('return_url', 'text', (c) => c.notNull())
    .addColumn('result_url', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    // new → paid | declined | insufficient_funds | expired; paid → refunded
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('card_last4', 'text')
    .addColumn('refunded_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('sandbox_acquirer_callbacks')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('ref', 'text', (c) => c.notNull().references('sandbox_acquirer_payments.ref'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // How many deliveries to throw away before really sending (the "drop" test switch).
    .addColumn('drop_first', 'integer', (c) => c.notNull().defaultTo(0))
    // Deliver once more after it was acknowledged (acquirers do).
    .addColumn('repeat', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('lease_until', 'timestamptz')
    .addColumn('delivered_at', 'timestamptz')
    .execute();
  await sql`create index sandbox_acquirer_callbacks_due_idx on sandbox_acquirer_callbacks (next_attempt_at) where delivered_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sandbox_acquirer_callbacks').execute();
  await db.schema.dropTable('sandbox_acquirer_payments').execute();
  await db.schema.dropTable('payment_callbacks').execute();
  await db.schema.dropTable('payments').execute();
  await db.schema
    .createTable('application_numbers')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();
  const { rows: sequences } = await sql<{ name: string; last: number | null }>`
    select sequencename as name, last_value as last from pg_sequences
    where schemaname = current_schema() and sequencename ~ '^application_number_[0-9]{4}$'`.execute(db);
  for (const { name, last } of sequences) {
    await sql`insert into application_numbers (year, last) values (${Number(name.slice(-4))}, ${Number(last ?? 0)})`.execute(
      db,
    );
    await sql`drop sequence ${sql.id(name)}`.execute(db);
  }
  await sql`drop index if exists registrations_property_idx`.execute(db);
  await db.schema.alterTable('registrations').dropColumn('photo_document_id').execute();
  await db.schema.alterTable('registrations').dropColumn('passport_document_id').execute();
}
