/**
 * Resend and revoke, one or many invitations at once. Both authorize every invitation first and refuse the
 * whole request if any is not the actor's to change, so a bulk action never half-happens. Rows that are
 * not in the right state are reported, not changed.
 */
import { groupBy } from "@/lib/utils";
import { recordAudit, recordInvitationAudit, type ActorContext } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { can, type Permission } from "@/lib/permissions";
import { sendInvitationEmails } from "./create-invitations";
import { expiresInSchema } from "./schema";
import { invitationStatus } from "./status";

export interface ManageOutcome {
  id: string;
  email: string;
  status: "resent" | "revoked" | "skipped";
  reason?: string;
}

async function loadAuthorized(ctx: ActorContext, ids: string[], permission: Permission) {
  const actor = ctx.actor;
  if (!actor) throw new UnauthorizedError();
  const invitations = await prisma.invitation.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, email: true, role: true, status: true, expiresAt: true, inviterId: true, organizationId: true, organization: { select: { id: true, name: true } } },
  });
  if (invitations.length !== new Set(ids).size) throw new ForbiddenError("Some of these invitations do not exist or are not yours to change.");
  const decided = new Map<string, boolean>();
  for (const inv of invitations) {
    const own = inv.inviterId === actor.userId;
    const key = `${inv.organizationId}:${own}`;
    if (!decided.has(key)) decided.set(key, await can(actor, permission, { organizationId: inv.organizationId, createdBy: inv.inviterId }));
    if (!decided.get(key)) throw new ForbiddenError("Some of these invitations are not yours to change.");
  }
  // Outcomes come back in the order they were asked for (the database returns rows in any order).
  const order = new Map(ids.map((id, i) => [id, i] as const).reverse());
  return invitations.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/** New expiry and the same link for pending (including expired) invitations; mails them again. */
export async function resendInvitations(ctx: ActorContext, ids: string[], expiresIn?: number): Promise<ManageOutcome[]> {
  const seconds = expiresIn === undefined ? undefined : expiresInSchema.parse(expiresIn);
  const invitations = await loadAuthorized(ctx, ids, "invitation:resend");
  const expiresAt = new Date(Date.now() + (seconds ?? env.invitationExpiresDays * 86400) * 1000);
  const outcomes: ManageOutcome[] = [];
  const resendable = invitations.filter((inv) => inv.status === "pending");
  const updated = await prisma.$transaction(async (tx) => {
    const ids = resendable.map((i) => i.id);
    const rows = ids.length
      ? await tx.$queryRaw<{ id: string }[]>`UPDATE "invitation" SET "expiresAt" = ${expiresAt} WHERE id = ANY(${ids}::text[]) AND status = 'pending' RETURNING id`
      : [];
    const done = new Set(rows.map((r) => r.id));
    for (const [orgId, group] of groupBy(resendable.filter((i) => done.has(i.id)), (i) => i.organizationId)) {
      await recordInvitationAudit(
        tx,
        ctx,
        orgId,
        group.map((i) => ({
          action: "invitation.resent",
          id: i.id,
          label: i.email,
          metadata: { previousStatus: invitationStatus(i), expiresAt: expiresAt.toISOString() },
        })),
      );
    }
    return done;
  });
  for (const inv of invitations) {
    outcomes.push(
      updated.has(inv.id)
        ? { id: inv.id, email: inv.email, status: "resent" }
        : { id: inv.id, email: inv.email, status: "skipped", reason: `Cannot resend: the invitation is ${invitationStatus(inv)}` },
    );
  }
  // Mail after commit, grouped by organization and inviter (the message names both).
  const inviters = await prisma.user.findMany({ where: { id: { in: [...new Set(resendable.map((i) => i.inviterId))] } }, select: { id: true, name: true, email: true } });
  const inviterById = new Map(inviters.map((u) => [u.id, u]));
  for (const [, group] of groupBy(resendable.filter((i) => updated.has(i.id)), (i) => `${i.organizationId}:${i.inviterId}`)) {
    await sendInvitationEmails(
      ctx,
      group[0].organization,
      inviterById.get(group[0].inviterId) ?? { name: "", email: "" },
      group.map((i) => ({ id: i.id, email: i.email, role: i.role ?? "member", expiresAt })),
    );
  }
  return outcomes;
}

/** pending -> canceled, atomically; anything else is reported and left alone. */
export async function revokeInvitations(ctx: ActorContext, ids: string[]): Promise<ManageOutcome[]> {
  const invitations = await loadAuthorized(ctx, ids, "invitation:revoke");
  const revoked = await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "invitation" SET status = 'canceled' WHERE id = ANY(${invitations.map((i) => i.id)}::text[]) AND status = 'pending' RETURNING id`;
    const done = new Set(rows.map((r) => r.id));
    await recordAudit(
      tx,
      ctx,
      invitations
        .filter((i) => done.has(i.id))
        .map((i) => ({
          action: "invitation.revoked",
          organizationId: i.organizationId,
          target: { type: "invitation", id: i.id, label: i.email },
          metadata: { previousStatus: invitationStatus(i) },
        })),
    );
    return done;
  });
  return invitations.map((inv) =>
    revoked.has(inv.id)
      ? { id: inv.id, email: inv.email, status: "revoked" }
      : { id: inv.id, email: inv.email, status: "skipped", reason: `Cannot revoke: the invitation is ${invitationStatus(inv)}` },
  );
}
