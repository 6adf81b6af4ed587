import type { AppContext } from '../../context.js';
import { badRequest, notFound } from '../../http/errors.js';
import { addDays, endOfDay } from '../../../shared/dates.js';
import type { ApiRegistrationView } from '../../../shared/schemas/api.js';
import * as repo from './registrations.repo.js';

// A legal entity's applications as its property-management system reads them through the API.

/** Whose applications, and where: a key restricted to some places sees only theirs. */
export interface EntityScope {
  hostId: number;
  placeIds: number[] | null;
}

type Row = Awaited<ReturnType<typeof repo.listEntityApplications>>[number];

const present = (row: Row): ApiRegistrationView => ({
  applicationNumber: row.application_number,
  externalReference: row.external_reference,
  status: row.status,
  registrationNumber: row.registration_number,
  propertyId: row.property_id,
  surname: row.surname,
  givenNames: row.given_names,
  passportCountry: row.passport_country,
  periodFrom: row.valid_from,
  periodTo: row.valid_until,
  fee:
    row.fee_minor === null || row.fee_currency === null
      ? null
      : { amountMinor: row.fee_minor, currency: row.fee_currency },
  createdAt: row.created_at.toISOString(),
});

export async function entityApplication(
  ctx: AppContext,
  scope: EntityScope,
  by: { applicationNumber: string } | { externalReference: string },
) {
  const row = await repo.findEntityApplication(ctx.db, scope, by);
  if (!row) throw notFound('errors.registration.notFound');
  return present(row);
}

/** Applications made on the days from..to (the service's calendar), a page at a time. */
export async function entityApplications(
  ctx: AppContext,
  scope: EntityScope,
  query: { from: string; to: string; cursor?: string; limit: number },
) {
  if (query.to < query.from) throw badRequest({ to: 'errors.api.dateRange' });
  const since = new Date(endOfDay(addDays(query.from, -1), ctx.profile.clock).getTime() + 1);
  const until = new Date(endOfDay(query.to, ctx.profile.clock).getTime() + 1);
  const rows = await repo.listEntityApplications(ctx.db, scope, {
    since,
    until,
    afterId: query.cursor ? Number(query.cursor) : 0,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(present),
    nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null,
  };
}
