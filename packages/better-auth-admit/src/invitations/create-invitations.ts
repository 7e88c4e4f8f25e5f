/**
 * `auth.api.createInvitations`: invitations into one organization on behalf of a named inviter, from server
 * code (no session, no forged cookie), for up to 10,000 people, each with an outcome.
 *
 * The checks better-auth's own `createInvitation` makes, once for the request:
 *   INVITER_NOT_FOUND, INVITER_BANNED, ORGANIZATION_NOT_FOUND, INVITER_NOT_ALLOWED (an org role with
 *   `invitation: ["create"]`, through the organization plugin's `hasPermission`, dynamic roles included; or
 *   a platform role, through the admin plugin's `adminRoles`/`adminUserIds`, or `platformRoles`);
 * and for each person (skipped with a reason, never an error): a valid address, the role exists, only a
 * holder of `creatorRole` (or a platform inviter) gives it, the team is in the organization, not already a
 * member, the organization's `invitationLimit` and `membershipLimit`, and its `seats` (members plus pending
 * invitations, `seat_limit`; an expired invitation refreshed takes a seat again). A pending invitation for the person is
 * refreshed (same id, new expiry) unless `resend: false`, which skips them as `already_invited`.
 * All writes commit together or not at all.
 */
import { acting, knownRoles, limit, seatsOf, teamIds, type Ctx, type OrgOptions, type SeatLimit, type User } from "../acting.ts";
import { checkInvitees, countOutcomes, skipWanted, type Invitee, type InviteOutcome } from "./rules.ts";
import { adapterStore, bulkFor, sqlStore, type InvitationStore, type NewInvitation, type PostgresBulk, type Query } from "./store.ts";

export interface CreateInvitationsInput {
  inviterId: string;
  organizationId: string;
  invitees: Invitee[];
  /** Seconds, 1 hour to 30 days; the organization plugin's `invitationExpiresIn` (48 h) when absent. */
  expiresIn?: number;
  /** Refresh a pending invitation for the same person (the default), or skip them as `already_invited`. */
  resend?: boolean;
  /** Call the organization plugin's `sendInvitationEmail` for each created or refreshed invitation. */
  send?: boolean;
}

export interface CreateInvitationsResult {
  outcomes: InviteOutcome[];
  counts: { created: number; refreshed: number; skipped: number };
}

export interface CreateInvitationsConfig {
  /** Platform roles that may invite into any organization; the admin plugin's `adminRoles` when absent. */
  platformRoles?: string[];
  /** The PostgreSQL bulk path: detected for a `pg` Pool; pass `prismaBulk(prisma)` for the Prisma adapter; `false` for the adapter path always. */
  bulk?: PostgresBulk | false;
  /** The bulk path's advisory lock key per organization (to share a lock with code of your own). */
  lockKey?: (organizationId: string) => string;
  /** Seats per organization: members plus pending invitations at most this many (acting.ts#SeatLimit). */
  seats?: SeatLimit;
  /**
   * Inside the transaction, after the writes and before the commit: record the outcomes with them (an
   * audit log); throwing rolls everything back. `query` runs on the transaction's connection (bulk path only).
   */
  beforeCommit?: (written: { organizationId: string; outcomes: InviteOutcome[]; query?: Query }) => Promise<void>;
}

export async function createInvitations(ctx: Ctx, input: CreateInvitationsInput, config: CreateInvitationsConfig = {}): Promise<CreateInvitationsResult> {
  const { context } = ctx;
  const adapter = context.adapter;
  const { user: inviter, organization, member, orgOptions, creatorRole, mayGiveCreatorRole } = await acting(ctx, {
    userId: input.inviterId,
    organizationId: input.organizationId,
    permission: { invitation: ["create"] },
    platformRoles: config.platformRoles,
    codes: { notFound: "INVITER_NOT_FOUND", banned: "INVITER_BANNED", notAllowed: "INVITER_NOT_ALLOWED" },
  });

  const { outcomes, wanted } = checkInvitees(input.invitees, {
    roles: await knownRoles(context, orgOptions, organization.id, input.invitees.map((i) => i.role)),
    creatorRole,
    mayGiveCreatorRole,
    teamIds: await teamIds(context, orgOptions, organization.id, input.invitees.map((i) => i.teamId)),
  });
  const now = new Date();
  const expiresAt = new Date(now.getTime() + (input.expiresIn ?? orgOptions.invitationExpiresIn ?? 48 * 3600) * 1000);
  const limits = {
    invitations: await limit(orgOptions.invitationLimit, 100, { user: inviter, organization, member }, context),
    members: await limit(orgOptions.membershipLimit, 100, inviter, organization),
    seats: await seatsOf(config.seats, organization),
  };
  const hooks = orgOptions.organizationHooks ?? {};
  // The bulk path needs ids made here (not by the database); without them the adapter path is taken.
  const bulk = context.generateId({ model: "invitation" }) ? bulkFor(context, config.bulk) : undefined;
  const write = async (store: InvitationStore, query?: Query) => {
    await writeInvitations(store);
    await config.beforeCommit?.({ organizationId: organization.id, outcomes, query });
  };
  const writeInvitations = async (store: InvitationStore) => {
    await store.lock(organization.id);
    const emails = [...wanted.keys()];
    if (!emails.length) return;
    if (limits.seats !== null) await store.lockSeats(organization.id);
    for (const email of await store.memberEmails(organization.id, emails)) skipWanted(outcomes, wanted, email, "already_member");
    const refresh: string[] = [];
    const lapsed: { index: number; id: string; email: string }[] = [];
    for (const p of await store.pendingInvitations(organization.id, [...wanted.keys()])) {
      const index = wanted.get(p.email);
      if (index === undefined) continue;
      if (input.resend === false) {
        skipWanted(outcomes, wanted, p.email, "already_invited");
        continue;
      }
      wanted.delete(p.email);
      outcomes[index] = { email: p.email, status: "refreshed", role: p.role, teamId: outcomes[index].teamId, invitationId: p.id, expiresAt };
      if (new Date(p.expiresAt) <= now) lapsed.push({ index, id: p.id, email: p.email });
      else refresh.push(p.id);
    }
    const counts = await store.counts(organization.id, now);
    const room = Math.max(0, limits.invitations - counts.pending);
    // Seats left: a lapsed invitation refreshed takes one again, as a new one does.
    let seatsLeft = limits.seats === null ? Infinity : limits.seats - counts.members - counts.pending;
    for (const l of lapsed) {
      if (seatsLeft-- > 0) refresh.push(l.id);
      else outcomes[l.index] = { email: l.email, status: "skipped", reason: "seat_limit" };
    }
    const rows: { index: number; row: NewInvitation }[] = [];
    for (const [email, index] of [...wanted.entries()]) {
      if (counts.members >= limits.members) skipWanted(outcomes, wanted, email, "membership_limit");
      else if (seatsLeft <= 0) skipWanted(outcomes, wanted, email, "seat_limit");
      else if (rows.length >= room) skipWanted(outcomes, wanted, email, "invitation_limit");
      else {
        seatsLeft--;
        const o = outcomes[index];
        const id = context.generateId({ model: "invitation" }) || undefined;
        rows.push({ index, row: { id, email, role: o.role!, teamId: o.teamId ?? null, organizationId: organization.id, inviterId: inviter.id, expiresAt, createdAt: now } });
      }
    }
    if (hooks.beforeCreateInvitation) {
      for (const { row } of rows) {
        const response = await hooks.beforeCreateInvitation({ invitation: { ...row, teamId: row.teamId ?? undefined }, inviter, organization });
        if (response && typeof response === "object" && "data" in response) row.extra = response.data as Record<string, unknown>;
      }
    }
    const ids = await store.insert(rows.map((r) => r.row));
    rows.forEach(({ index }, i) => Object.assign(outcomes[index], { invitationId: ids[i], expiresAt }));
    await store.refresh(refresh, expiresAt);
  };
  if (bulk) await bulk.transaction((query) => write(sqlStore(query, context.tables, config.lockKey), query));
  else await adapter.transaction((trx) => write(adapterStore(trx)));


  await afterCommit(ctx, orgOptions, input, outcomes, { inviter, organization, member });
  return { outcomes, counts: countOutcomes(outcomes) };
}





/** After the commit: the organization plugin's `afterCreateInvitation` hook, and its mail when asked. */
async function afterCommit(
  ctx: Ctx,
  orgOptions: OrgOptions,
  input: CreateInvitationsInput,
  outcomes: InviteOutcome[],
  who: { inviter: User; organization: { id: string; name: string }; member: { id: string; role: string } | null },
) {
  const after = orgOptions.organizationHooks?.afterCreateInvitation;
  const send = input.send ? orgOptions.sendInvitationEmail : undefined;
  if (!after && !send) return;
  for (const o of outcomes) {
    if (o.status === "skipped") continue;
    const invitation = { id: o.invitationId!, email: o.email, role: o.role!, organizationId: who.organization.id, inviterId: who.inviter.id, status: "pending", expiresAt: o.expiresAt!, teamId: o.teamId ?? null };
    if (after && o.status === "created") await after({ invitation, inviter: who.inviter, organization: who.organization, member: who.member });
    if (send) {
      await send(
        { id: invitation.id, role: invitation.role, email: invitation.email, organization: who.organization, inviter: { ...(who.member ?? { role: "" }), user: who.inviter }, invitation },
        ctx.request,
      );
    }
  }
}
