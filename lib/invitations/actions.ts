"use server";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { prisma } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { runAction } from "@/lib/safe-action";
import { PERSON_SKIP_TEXT } from "@/lib/people";
import { createInvitations } from "./create-invitations";
import { listInvitableOrganizations } from "./queries";
import { resendInvitations, revokeInvitations } from "./manage-invitations";
import { invitationIdsSchema, inviteFormSchema, splitEmails, type InviteFormValues } from "./schema";

export async function inviteAction(input: InviteFormValues) {
  return runAction(async (ctx) => {
    const values = inviteFormSchema.parse(input);
    const { outcomes, counts } = await createInvitations(ctx, {
      organizationId: values.organizationId,
      invitees: splitEmails(values.emails).map((email) => ({
        email,
        role: values.role,
        teamId: values.teamId || undefined,
        redirectTo: values.redirectTo || undefined,
        metadata: values.metadata ? (JSON.parse(values.metadata) as Record<string, z.core.util.JSONType>) : undefined,
      })),
      expiresIn: values.expiresIn,
    });
    revalidatePath("/invitations");
    return {
      counts,
      outcomes: outcomes.map((o) => ({ email: o.email, status: o.status, reason: o.reason ? PERSON_SKIP_TEXT[o.reason] : undefined, sent: o.sent, suppressed: o.suppressed })),
    };
  });
}

/**
 * The organizations the invite form offers, with their teams: read when the form is first wanted (the pointer or
 * focus reaching "Invite people"), not on every invitations page request (200 organizations are 10 KB there).
 */
export async function invitableOrganizationsAction() {
  return runAction((ctx) => listInvitableOrganizations(ctx.actor));
}

export async function resendInvitationsAction(input: { ids: string[] }) {
  return runAction(async (ctx) => {
    const { ids } = invitationIdsSchema.parse(input);
    const outcomes = await resendInvitations(ctx, ids);
    revalidatePath("/invitations");
    return outcomes.map(({ email, status, reason }) => ({ email, status, reason }));
  });
}

export async function revokeInvitationsAction(input: { ids: string[] }) {
  return runAction(async (ctx) => {
    const { ids } = invitationIdsSchema.parse(input);
    const outcomes = await revokeInvitations(ctx, ids);
    revalidatePath("/invitations");
    return outcomes.map(({ email, status, reason }) => ({ email, status, reason }));
  });
}

/** The invitation's history from the audit log, for the detail sheet. */
export async function invitationTimelineAction(input: { id: string }) {
  return runAction(async (ctx) => {
    const { ids } = invitationIdsSchema.parse({ ids: [input.id] });
    const invitation = await prisma.invitation.findUnique({ where: { id: ids[0] }, select: { organizationId: true } });
    if (!invitation) throw new NotFoundError("Invitation not found.");
    await authorize(ctx.actor, "invitation:read", { organizationId: invitation.organizationId });
    const events = await prisma.auditEvent.findMany({
      where: { targetType: "invitation", targetId: ids[0] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, action: true, actorEmail: true, impersonatorId: true, createdAt: true, metadata: true },
    });
    return events.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }));
  });
}
