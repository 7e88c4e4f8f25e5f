import { newAuthId } from "@/lib/tokens";
import { recordAudit } from "@/lib/audit/record";
import { lockFor, prisma } from "@/lib/db";
import { addTeamMembers } from "@/lib/memberships/team-members";

/**
 * Accept an invitation for a user who proved the invited address (by using a link mailed to it): the
 * same guards as better-auth's acceptInvitation (pending, unexpired, the email matches, not yet a member),
 * one transaction, an atomic pending -> accepted. Returns false when the invitation cannot be accepted.
 */
export async function acceptInvitationForUser(invitationId: string, user: { id: string; email: string }, meta: { ipAddress?: string | null } = {}) {
  return prisma.$transaction(async (tx) => {
    const [inv] = await tx.$queryRaw<{ id: string; organizationId: string; role: string | null; teamId: string | null; email: string }[]>`
      UPDATE "invitation" SET status = 'accepted'
      WHERE id = ${invitationId} AND status = 'pending' AND "expiresAt" > now() AND email = ${user.email.toLowerCase()}
      RETURNING id, "organizationId", role, "teamId", email`;
    if (!inv) return false;
    // better-auth keeps no unique (organization, user) key: the organization's writers take turns.
    await lockFor(tx, `members:${inv.organizationId}`);
    const exists = await tx.member.findFirst({ where: { organizationId: inv.organizationId, userId: user.id }, select: { id: true } });
    if (!exists) {
      const now = new Date();
      await tx.member.create({ data: { id: newAuthId(), organizationId: inv.organizationId, userId: user.id, role: inv.role ?? "member", createdAt: now } });
      await addTeamMembers(tx, (inv.teamId ?? "").split(",").filter(Boolean).map((teamId) => ({ teamId, userId: user.id })), now);
    }
    await recordAudit(tx, { actor: { userId: user.id, email: user.email, impersonatedBy: null }, ipAddress: meta.ipAddress }, {
      action: "invitation.accepted",
      organizationId: inv.organizationId,
      target: { type: "invitation", id: inv.id, label: inv.email },
      metadata: { via: "link" },
    });
    return true;
  });
}
