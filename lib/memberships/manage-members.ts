/**
 * Role changes and removals, with better-auth's owner rules: only an owner (or a platform admin) may
 * touch an owner or make someone an owner, and an organization never loses its last owner.
 */
import { parseRoles } from "@/lib/access";
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { prisma, type Tx } from "@/lib/db";
import { AppError, ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/errors";
import { authorize, mayManageOwners } from "@/lib/permissions";

async function loadForChange(ctx: ActorContext, memberId: string, permission: "member:update" | "member:delete") {
  if (!ctx.actor) throw new UnauthorizedError();
  const member = await prisma.member.findUnique({ where: { id: memberId }, select: { id: true, role: true, userId: true, organizationId: true, user: { select: { email: true } } } });
  if (!member) throw new NotFoundError("Member not found.");
  await authorize(ctx.actor, permission, { organizationId: member.organizationId });
  const actsAsOwner = await mayManageOwners(ctx.actor, member.organizationId);
  return { member, actsAsOwner };
}

async function assertNotLastOwner(tx: Tx, organizationId: string, memberId: string) {
  // Lock the organization's memberships so two concurrent demotions cannot both pass.
  const owners = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "member" WHERE "organizationId" = ${organizationId} AND ',' || role || ',' LIKE '%,owner,%' FOR UPDATE`;
  if (owners.length <= 1 && owners.some((o) => o.id === memberId)) throw new AppError("An organization needs at least one owner. Make someone else an owner first.", 409);
}

export async function changeMemberRole(ctx: ActorContext, memberId: string, role: "owner" | "admin" | "member") {
  const { member, actsAsOwner } = await loadForChange(ctx, memberId, "member:update");
  const wasOwner = parseRoles(member.role).includes("owner");
  if ((wasOwner || role === "owner") && !actsAsOwner) throw new ForbiddenError("Only an owner can change an owner's role or make someone an owner.");
  if (member.role === role) return { changed: false };
  await prisma.$transaction(async (tx) => {
    if (wasOwner && role !== "owner") await assertNotLastOwner(tx, member.organizationId, member.id);
    await tx.member.update({ where: { id: member.id }, data: { role } });
    await recordAudit(tx, ctx, {
      action: "member.role_changed",
      organizationId: member.organizationId,
      target: { type: "member", id: member.id, label: member.user.email },
      metadata: { from: member.role, to: role },
    });
  });
  return { changed: true };
}

export async function removeMember(ctx: ActorContext, memberId: string) {
  const { member, actsAsOwner } = await loadForChange(ctx, memberId, "member:delete");
  const isOwner = parseRoles(member.role).includes("owner");
  if (isOwner && !actsAsOwner) throw new ForbiddenError("Only an owner can remove an owner.");
  await prisma.$transaction(async (tx) => {
    if (isOwner) await assertNotLastOwner(tx, member.organizationId, member.id);
    const teams = await tx.team.findMany({ where: { organizationId: member.organizationId }, select: { id: true } });
    await tx.teamMember.deleteMany({ where: { userId: member.userId, teamId: { in: teams.map((t) => t.id) } } });
    await tx.$executeRaw`UPDATE "team" t SET "memberCount" = (SELECT count(*)::int FROM "teamMember" tm WHERE tm."teamId" = t.id) WHERE t."organizationId" = ${member.organizationId}`;
    await tx.member.delete({ where: { id: member.id } });
    await recordAudit(tx, ctx, {
      action: "member.removed",
      organizationId: member.organizationId,
      target: { type: "member", id: member.id, label: member.user.email },
      metadata: { role: member.role },
    });
  });
}
