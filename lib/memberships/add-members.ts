/**
 * Pre-accepted membership: put people, new or existing, straight into an organization with a role (and
 * team). The rules and the writes are better-auth-admit's `addMembers` (packages/better-auth-admit), the code
 * an application runs with the `admit()` plugin, on Admit's transaction (its PostgreSQL bulk path, under the
 * `members:<org>` lock every member writer takes): the per-person checks, accounts for new people (verified
 * email, no password), memberships and team memberships within the limit, pending invitations superseded.
 * Admit authorizes first (lib/permissions.ts), audits every change in the same transaction, and optionally
 * mails each new person a welcome sign-in link afterwards. Per-person outcome: added, or skipped with a reason.
 */
import { addMembers as addMembersWithBetterAuth, type AddOutcome as PackageOutcome } from "better-auth-admit";
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { authContext } from "@/lib/auth-context";
import { prisma, transactionAsBulk } from "@/lib/db";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/errors";
import type { PersonCheckFailure } from "@/lib/people";
import { seatLimitOf } from "@/lib/organizations/seats";
import { can } from "@/lib/permissions";
import { sendWelcomeLinks } from "@/lib/sign-in-links/issue-sign-in-links";
import { addMembersInput, type AddMembersInput } from "./schema";

export type AddSkipReason = PersonCheckFailure | "already_member" | "banned" | "membership_limit" | "seat_limit";

export interface AddOutcome {
  email: string;
  status: "added" | "skipped";
  reason?: AddSkipReason;
  userId?: string;
  createdUser?: boolean;
  welcomeSent?: boolean;
}

export async function addMembers(ctx: ActorContext, raw: AddMembersInput): Promise<AddOutcome[]> {
  const actor = ctx.actor;
  if (!actor) throw new UnauthorizedError();
  const input = addMembersInput.parse(raw);
  const organization = await prisma.organization.findUnique({ where: { id: input.organizationId }, select: { id: true } });
  if (!organization) throw new NotFoundError("The organization does not exist.");
  if (!can(actor, "member:create", { organizationId: organization.id })) throw new ForbiddenError("You may not add members to this organization.");

  const { bulk, tx } = transactionAsBulk();
  const result = await addMembersWithBetterAuth(
    { context: await authContext() },
    { addedById: actor.userId, organizationId: organization.id, people: input.people.map((p) => ({ ...p, role: (p.role ?? "member").trim().toLowerCase() })) },
    {
      bulk,
      lockKey: (organizationId) => `members:${organizationId}`,
      seats: (org) => seatLimitOf(org.id),
      beforeCommit: ({ outcomes, superseded }) => recordAudit(tx(), ctx, auditRows(organization.id, outcomes, superseded)),
    },
  );
  const outcomes: AddOutcome[] = result.outcomes.map((o) => ({ email: o.email, status: o.status, reason: o.reason as AddSkipReason | undefined, userId: o.userId, createdUser: o.createdUser }));
  const created = result.outcomes.filter((o) => o.createdUser).map((o) => ({ userId: o.userId!, email: o.email }));
  if (input.sendWelcome && created.length) {
    const sent = await sendWelcomeLinks(ctx, created);
    const byEmail = new Map(sent.map((s) => [s.email, s.sent]));
    for (const o of outcomes) if (o.createdUser) o.welcomeSent = !!byEmail.get(o.email);
  }
  return outcomes;
}

/** The audit events of one call: accounts made, members added, invitations superseded. */
function auditRows(organizationId: string, outcomes: PackageOutcome[], superseded: { id: string; email: string }[]) {
  const added = outcomes.filter((o) => o.status === "added");
  return [
    ...added.filter((o) => o.createdUser).map((o) => ({ action: "user.created", target: { type: "user", id: o.userId!, label: o.email }, metadata: { via: "membership" } })),
    ...added.map((o) => ({ action: "member.added", organizationId, target: { type: "member", id: o.memberId!, label: o.email }, metadata: { role: o.role, teamId: o.teamId ?? null } })),
    ...superseded.map((i) => ({ action: "invitation.superseded", organizationId, target: { type: "invitation", id: i.id, label: i.email }, metadata: { reason: "added as a member directly" } })),
  ];
}
