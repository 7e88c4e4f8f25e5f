"use server";
import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { landingUrl } from "@/lib/app-links";
import { recordAudit } from "@/lib/audit/record";
import { answerInvitationAsSignedIn } from "@/lib/auth-forward";
import { prisma } from "@/lib/db";
import { AppError, NotFoundError } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit";
import { runAction } from "@/lib/safe-action";
import { carryInvitationExtras } from "./extras";

const MESSAGES: Record<string, string> = {
  YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION: "This invitation is for a different email address.",
  INVITATION_NOT_FOUND: "This invitation is no longer valid: it expired, was revoked or was already used.",
  ORGANIZATION_MEMBERSHIP_LIMIT_REACHED: "The organization is full. Ask the person who invited you.",
  YOU_ARE_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION: "You are already a member of this organization.",
};

/** The invitee accepts, through better-auth's own acceptInvitation (email match, expiry, limits, teams). */
export async function acceptInvitationAction(invitationId: string) {
  return respond(invitationId, "accept");
}

export async function declineInvitationAction(invitationId: string) {
  return respond(invitationId, "reject");
}

async function respond(invitationId: string, verb: "accept" | "reject") {
  return runAction(async (ctx) => {
    await hitRateLimit("invitationResponse", ctx.ipAddress);
    const invitation = await prisma.invitation.findUnique({ where: { id: String(invitationId) }, select: { id: true, email: true, organizationId: true } });
    if (!invitation) throw new NotFoundError("This invitation does not exist.");
    try {
      await answerInvitationAsSignedIn(verb, invitation.id, await headers());
    } catch (e) {
      if (e instanceof APIError) {
        const code = String((e.body as { code?: string } | undefined)?.code ?? "");
        throw new AppError(MESSAGES[code] ?? e.message ?? "The invitation could not be answered.", e.statusCode);
      }
      throw e;
    }
    const extras = await prisma.$transaction(async (tx) => {
      // Accepted: the invitation's metadata onto the membership better-auth just made (./extras.ts).
      const member = verb === "accept" && ctx.actor ? await tx.member.findFirst({ where: { organizationId: invitation.organizationId, userId: ctx.actor.userId }, select: { id: true } }) : null;
      const carried = member ? await carryInvitationExtras(tx, invitation.id, { id: member.id, organizationId: invitation.organizationId, userId: ctx.actor!.userId }) : null;
      await recordAudit(tx, ctx, {
        action: verb === "accept" ? "invitation.accepted" : "invitation.rejected",
        organizationId: invitation.organizationId,
        target: { type: "invitation", id: invitation.id, label: invitation.email },
        metadata: carried?.metadata ? { membershipMetadata: carried.metadata } : {},
      });
      return carried;
    });
    return { organizationId: invitation.organizationId, redirectTo: verb === "accept" ? landingUrl(extras?.redirectTo) : null };
  });
}
