import { newAuthId } from "@/lib/tokens";
import { recordAudit } from "@/lib/audit/record";
import { carryInvitationExtras } from "./extras";
import { lockFor, prisma } from "@/lib/db";
import { addTeamMembers } from "@/lib/memberships/team-members";

/**
 * Accept an invitation for a user who proved the invited address (by using a link mailed to it): the
 * same guards as better-auth's acceptInvitation (pending, unexpired, the email matches, not yet a member),
 * one transaction, an atomic pending -> accepted; the invitation's extras (./extras.ts) go with it. Returns
 * whether it was accepted, and where the invitation sends its person (null: the link's own destination).
 */
export async function acceptInvitationForUser(invitationId: string, user: { id: string; email: string }, meta: { ipAddress?: string | null } = {}) {
  return prisma.$transaction(async (tx) => {
    const [inv] = await tx.$queryRaw<{ id: string; organizationId: string; role: string | null; teamId: string | null; email: string }[]>`
      UPDATE "invitation" SET status = 'accepted'
      WHERE id = ${invitationId} AND status = 'pending' AND "expiresAt" > now() AND email = ${user.email.toLowerCase()}
      RETURNING id, "organizationId", role, "teamId", email`;
    if (!inv) return { accepted: false, redirectTo: null };
    // better-auth keeps no unique (organization, user) key: the organization's writers take turns.
    await lockFor(tx, `members:${inv.organizationId}`);
    let member = await tx.member.findFirst({ where: { organizationId: inv.organizationId, userId: user.id }, select: { id: true } });
    if (!member) {
      const now = new Date();
      member = await tx.member.create({ data: { id: newAuthId(), organizationId: inv.organizationId, userId: user.id, role: inv.role ?? "member", createdAt: now }, select: { id: true } });
      await addTeamMembers(tx, (inv.teamId ?? "").split(",").filter(Boolean).map((teamId) => ({ teamId, userId: user.id })), now);
    }
    const extras = await carryInvitationExtras(tx, inv.id, { id: member.id, organizationId: inv.organizationId, userId: user.id });
    await recordAudit(tx, { actor: { userId: user.id, email: user.email, impersonatedBy: null }, ipAddress: meta.ipAddress }, {
      action: "invitation.accepted",
      organizationId: inv.organizationId,
      target: { type: "invitation", id: inv.id, label: inv.email },
      metadata: { via: "link", ...(extras?.metadata ? { membershipMetadata: extras.metadata } : {}) },
    });
    return { accepted: true, redirectTo: extras?.redirectTo ?? null };
  });
}
