import type { AppContext } from '../../context.js';
import { appendAudit } from '../../db/audit.js';
import { AppError, badRequest, notFound } from '../../http/errors.js';
import { decryptField } from '../../security/crypto.js';
import type { Language } from '../../../shared/profiles/index.js';
import {
  disableStaffAccount,
  findStaffMember,
  listStaffAccounts,
  loginEmailTaken,
  openStaffAccount,
} from '../accounts/entity-accounts.service.js';
import * as repo from './legal-entities.repo.js';

// Inside an entity's cabinet: its data (tab 1) and its staff, whom its administrator manages.
// The staff's accounts and their credentials are the accounts module's; who has one is decided here.

/** A host's page that acts in someone's name: the entity, and which of its staff is signed in. */
type Actor = { hostId: number; staffId?: number };

/** The entity's administrator, signed in: only they manage staff and the entity's API keys. */
export async function entityAdmin(ctx: AppContext, actor: Actor) {
  const staff = actor.staffId
    ? await findStaffMember(ctx.db, { hostId: actor.hostId, staffId: actor.staffId })
    : undefined;
  if (!staff || staff.role !== 'admin' || staff.disabled)
    throw new AppError({ status: 403, code: 'forbidden', messageKey: 'errors.entity.adminOnly' });
  return staff;
}

export async function listStaff(ctx: AppContext, actor: Actor) {
  await entityAdmin(ctx, actor);
  return { items: await listStaffAccounts(ctx.db, actor.hostId) };
}

/**
 * The administrator invites a receptionist: their own account, a single-use link to set a
 * password and their own PIN, by e-mail.
 */
export async function inviteStaff(
  ctx: AppContext,
  actor: Actor,
  input: { email: string; fullName: string },
  language: Language,
  now = new Date(),
) {
  const admin = await entityAdmin(ctx, actor);
  if (await loginEmailTaken(ctx.db, input.email)) throw badRequest({ email: 'errors.email.taken' });
  return ctx.events.transaction(ctx.db, async (tx) => {
    const invited = await openStaffAccount(
      ctx,
      tx,
      { hostId: actor.hostId, email: input.email, fullName: input.fullName, role: 'staff' },
      now,
    ).catch((error: unknown) => {
      // Two invitations of one e-mail at the same moment: the unique index decides.
      if ((error as { code?: string }).code === '23505') throw badRequest({ email: 'errors.email.taken' });
      throw error;
    });
    await appendAudit(tx, {
      actor: { kind: 'staff', hostId: actor.hostId, staffId: admin.id },
      action: 'staff.invite',
      entity: 'staff',
      entityId: invited.staffId,
    });
    await ctx.events.emit(tx, {
      type: 'StaffInvited',
      hostId: actor.hostId,
      entityName: admin.entityName,
      language,
      invited: {
        staffId: invited.staffId,
        email: input.email,
        setPasswordLink: invited.link,
        pin: invited.pin,
        hours: invited.hours,
      },
    });
    return { id: invited.staffId };
  });
}

/** The administrator disables a staff member: they can no longer sign in, and their sessions end. */
export async function disableStaff(ctx: AppContext, actor: Actor, staffId: number) {
  const admin = await entityAdmin(ctx, actor);
  if (staffId === admin.id) throw badRequest({ staff: 'errors.entity.disableSelf' });
  await ctx.db.transaction().execute(async (tx) => {
    // The entity is in the WHERE: another entity's staff member is as good as none.
    if (!(await disableStaffAccount(tx, { hostId: actor.hostId, staffId })))
      throw notFound('errors.entity.staffNotFound');
    await appendAudit(tx, {
      actor: { kind: 'staff', hostId: actor.hostId, staffId: admin.id },
      action: 'staff.disable',
      entity: 'staff',
      entityId: staffId,
    });
  });
  return { ok: true as const };
}

/** Tab 1 for a legal entity: its data from the application, and who is signed in. */
export async function entityProfile(ctx: AppContext, actor: Actor) {
  const staff = actor.staffId
    ? await findStaffMember(ctx.db, { hostId: actor.hostId, staffId: actor.staffId })
    : undefined;
  const entity = await repo.findEntity(ctx.db, actor.hostId);
  if (!staff || !entity)
    throw new AppError({ status: 403, code: 'forbidden', messageKey: 'errors.entity.staffOnly' });
  return {
    name: entity.name,
    taxNumber: decryptField(ctx.secrets.fieldEncryptionKey, entity.tax_number_enc),
    legalAddress: entity.legal_address,
    actualAddress: entity.actual_address,
    activity: entity.activity,
    headName: entity.head_name,
    email: entity.email,
    phone: ctx.profile.phone.format(entity.phone),
    me: { fullName: staff.fullName, email: staff.email, role: staff.role },
  };
}
