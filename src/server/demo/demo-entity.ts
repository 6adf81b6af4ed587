import crypto from 'node:crypto';
import type { AppContext } from '../context.js';
import { signTicket, TICKET_HOURS } from '../http/signup-ticket.js';
import {
  operatorIdByEmail,
  resetStaffCredentials,
  staffByEmail,
} from '../modules/accounts/demo-accounts.service.js';
import { disableStaffAccount } from '../modules/accounts/entity-accounts.service.js';
import { submitEntityApplication } from '../modules/legal-entities/entity-applications.service.js';
import { approveEntityApplication } from '../modules/legal-entities/entity-onboarding.service.js';
import { claimEntityApplication } from '../modules/legal-entities/entity-review.service.js';
import { inviteStaff } from '../modules/legal-entities/entity-staff.service.js';
import { sampleRegistryCodes } from '../modules/properties/embedded-registry.js';
import { appendAudit } from '../db/audit.js';
import { DEMO, DEMO_ENTITY } from './demo-logins.js';
import { demoCountry } from './demo-country.js';
import { demoPage } from './images.js';

/** The demo hotel's two accounts: its administrator (the trusted person) and a receptionist. */

/**
 * What the profile's rules accept for the head's personal number, the phone and the identifiers
 * other than the tax number (a real company's published ОГРН and КПП, whose check digits hold).
 */
const DEMO_CONTACTS: Record<
  string,
  { phone: string; personalNumber: string; identifiers?: Record<string, string> }
> = {
  kg: { phone: '+996 555 000 111', personalNumber: '21205198000123' },
  ru: {
    phone: '+7 900 000 01 11',
    personalNumber: '770000000011',
    identifiers: { registrationNumber: '1027700132195', kpp: '773601001' },
  },
};

/** A demo property as the profile names places: its registry code, or an invented address. */
function demoProperty(ctx: AppContext, property: { code: string; capacity: number }, n: number) {
  const place = ctx.profile.placeOfStay;
  if (place.kind !== 'address') return property;
  const region = place.regions[0]!;
  // Invented: the index is kept as typed, as a host may keep one the reference places elsewhere.
  return {
    region: region.code,
    city: region.ru,
    streetType: place.streetTypes[0]!.value,
    street: 'Демонстрационная',
    house: String(n + 1),
    postalIndex: '101000',
    capacity: property.capacity,
    confirmIndex: true,
  };
}

const page = async (name: string, rgb: [number, number, number]) => ({
  body: await demoPage(420, 594, rgb),
  filename: `${name}.png`,
  truncated: false,
});

/** The letter's data, as an applicant types it, for a hotel with these properties. */
async function application(
  ctx: AppContext,
  contacts: (typeof DEMO_CONTACTS)[string],
  hotel: { name: string; email: string; trustedName: string },
  properties: { code: string; capacity: number }[],
) {
  const rules = ctx.profile.entityApplication;
  const people = demoCountry(ctx.profile).hotel;
  const fields: Record<string, unknown> = {
    ...(rules.legalForms.length > 0
      ? { legalForm: rules.legalForms.find((f) => !f.entrepreneur)!.value }
      : {}),
    name: hotel.name,
    taxNumber: ctx.profile.taxNumber.example,
    ...contacts.identifiers,
    legalAddress: people.addresses.legal,
    actualAddress: people.addresses.actual,
    activity: 'Гостиничные услуги',
    headName: people.headName,
    ...(rules.headPersonalNumber ? { headPersonalNumber: contacts.personalNumber } : {}),
    headAddress: people.addresses.head,
    phone: contacts.phone,
    email: hotel.email,
    trustedPosition: 'Администратор',
    trustedName: hotel.trustedName,
    trustedAddress: people.addresses.trusted,
    properties: JSON.stringify(properties.map((property, n) => demoProperty(ctx, property, n))),
    acceptTerms: 'true',
  };
  const files: Record<string, Awaited<ReturnType<typeof page>>> = {};
  for (const [n, name] of rules.documents.entries())
    files[name] = await page(name, [240 - n * 2, 238, 232 + n * 4]);
  for (const i of properties.keys())
    for (const [n, name] of rules.propertyDocuments.entries())
      files[`${name}.${i}`] = await page(`${name}-${i}`, [244 - n * 8, 240 + n * 4, 232 + n * 4]);
  // As after the security check: the demo applies through the same service as a browser does.
  const ticket = signTicket(ctx.secrets.challengeKey, {
    id: crypto.randomUUID(),
    subjectType: 'legal_entity',
    consentAt: new Date().toISOString(),
    exp: Date.now() + TICKET_HOURS * 3600_000,
  });
  return submitEntityApplication(ctx, { fields, files, ticket, language: 'ru' });
}

/**
 * A hotel with a cabinet (the demo operator approved its application: two buildings, an
 * administrator and a receptionist) and another hotel's application waiting in the operators'
 * queue, made through the services an applicant, an operator and an administrator use. Once
 * Konok listens (the messages carry links to it), after seedDemoData; only once: later starts
 * only reset the two accounts' passwords and PINs.
 */
export async function seedDemoEntity(ctx: AppContext): Promise<void> {
  const existing = await staffByEmail(ctx.db, DEMO_ENTITY.admin.email);
  if (existing) {
    await resetStaffCredentials(ctx, existing.id, DEMO_ENTITY.admin);
    const receptionist = await staffByEmail(ctx.db, DEMO_ENTITY.receptionist.email);
    if (receptionist) await resetStaffCredentials(ctx, receptionist.id, DEMO_ENTITY.receptionist);
    return;
  }
  const operatorId = await operatorIdByEmail(ctx.db, DEMO.operator.email);
  const contacts = DEMO_CONTACTS[ctx.profile.code];
  const hotelPeople = demoCountry(ctx.profile).hotel;
  if (!operatorId) return;
  // The demo host holds the registry's first two codes and the start prints the next three.
  const codes = await sampleRegistryCodes(ctx.db, 3, 5);
  if (!contacts || codes.length < 3) return;
  const hotel = await application(
    ctx,
    contacts,
    { name: hotelPeople.name, email: DEMO_ENTITY.admin.email, trustedName: hotelPeople.trustedName },
    [
      { code: codes[0]!, capacity: 40 },
      { code: codes[1]!, capacity: 12 },
    ],
  );
  await claimEntityApplication(ctx, operatorId, hotel.id);
  const { hostId } = await approveEntityApplication(ctx, operatorId, hotel.id);
  const admin = (await staffByEmail(ctx.db, DEMO_ENTITY.admin.email))!;
  await resetStaffCredentials(ctx, admin.id, DEMO_ENTITY.admin);
  const { id: receptionistId } = await inviteStaff(
    ctx,
    { hostId, staffId: admin.id },
    { email: DEMO_ENTITY.receptionist.email, fullName: hotelPeople.receptionistName },
    'ru',
  );
  await resetStaffCredentials(ctx, receptionistId, DEMO_ENTITY.receptionist);
  await appendAudit(ctx.db, {
    actor: { kind: 'system' },
    action: 'legal_entity.demo-seed',
    entity: 'host',
    entityId: hostId,
  });
  // Another hotel waits for an operator's review.
  await application(
    ctx,
    contacts,
    {
      name: hotelPeople.other.name,
      email: 'hostel@konok.example',
      trustedName: hotelPeople.other.trustedName,
    },
    [{ code: codes[2]!, capacity: 16 }],
  );
}

/** Outside demo mode the demo hotel's accounts do not work: their passwords are in the README. */
export async function disableDemoStaff(ctx: AppContext): Promise<number> {
  let disabled = 0;
  for (const account of [DEMO_ENTITY.admin, DEMO_ENTITY.receptionist]) {
    const staff = await staffByEmail(ctx.db, account.email);
    if (!staff || staff.disabled) continue;
    await ctx.db.transaction().execute(async (tx) => {
      await disableStaffAccount(tx, { hostId: staff.hostId, staffId: staff.id });
      await appendAudit(tx, {
        actor: { kind: 'system' },
        action: 'staff.demo-disable',
        entity: 'staff',
        entityId: staff.id,
      });
    });
    disabled++;
  }
  return disabled;
}
