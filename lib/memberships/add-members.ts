/**
 * Pre-accepted membership: put people, new or existing, straight into an organization with a role (and
 * team), with the same shape and checks as createInvitations. New people get an account with a verified
 * email and no password (optionally a welcome sign-in link by email). Per-person outcome: added,
 * already a member, or skipped with a reason. Users, members, team members, superseded invitations and
 * audit events commit in one transaction.
 */
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { ORGANIZATION_LIMITS } from "@/lib/auth-settings";
import { lockFor, prisma, type Tx } from "@/lib/db";
import { newAuthId } from "@/lib/tokens";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/errors";
import { checkPerson, type PersonCheckFailure } from "@/lib/people";
import { can, mayManageOwners } from "@/lib/permissions";
import { sendWelcomeLinks } from "@/lib/sign-in-links/issue-sign-in-links";
import { addMembersInput, type AddMembersInput } from "./schema";
import { isBannedNow } from "@/lib/users/ban";
import { passwordlessUser } from "@/lib/users/passwordless-user";
import { addTeamMembers } from "./team-members";

export type AddSkipReason = PersonCheckFailure | "already_member" | "banned" | "membership_limit";

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
  const organization = await prisma.organization.findUnique({ where: { id: input.organizationId }, select: { id: true, name: true, teams: { select: { id: true } } } });
  if (!organization) throw new NotFoundError("The organization does not exist.");
  if (!can(actor, "member:create", { organizationId: organization.id })) throw new ForbiddenError("You may not add members to this organization.");
  const mayAddOwners = mayManageOwners(actor, organization.id);
  const teamIds = new Set(organization.teams.map((t) => t.id));

  const outcomes: AddOutcome[] = [];
  const wanted = new Map<string, { index: number; role: string; teamId: string | null; name: string }>();
  const rules = { alreadyListed: (email: string) => wanted.has(email), mayManageOwners: mayAddOwners, teamIds };
  for (const person of input.people) {
    const checked = checkPerson(person, rules);
    if (checked.failure) outcomes.push({ email: checked.email, status: "skipped", reason: checked.failure });
    else {
      wanted.set(checked.email, { index: outcomes.length, role: checked.role, teamId: checked.teamId, name: person.name?.trim() ?? "" });
      outcomes.push({ email: checked.email, status: "added" });
    }
  }

  const created = wanted.size ? await prisma.$transaction((tx) => writeMembers(tx, ctx, organization.id, outcomes, wanted), { timeout: 60_000 }) : [];

  if (input.sendWelcome && created.length) {
    const sent = await sendWelcomeLinks(ctx, created);
    const byEmail = new Map(sent.map((s) => [s.email, s.sent]));
    for (const o of outcomes) if (o.createdUser) o.welcomeSent = !!byEmail.get(o.email);
  }
  return outcomes;
}

/**
 * Inside the transaction, one writer per organization at a time: accounts for new people (verified email,
 * no password), memberships and team memberships within the limit, pending invitations superseded, every
 * change audited. Returns the accounts it created (for welcome links).
 */
async function writeMembers(tx: Tx, ctx: ActorContext, organizationId: string, outcomes: AddOutcome[], wanted: Map<string, { index: number; role: string; teamId: string | null; name: string }>) {
  await lockFor(tx, `members:${organizationId}`);
  const emails = [...wanted.keys()];
  const users = await tx.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, banned: true, banExpires: true, members: { where: { organizationId }, select: { id: true } } } });
  const userByEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));
  const memberCount = await tx.member.count({ where: { organizationId } });
  let room = ORGANIZATION_LIMITS.members - memberCount;
  const now = new Date();
  const newUsers: ReturnType<typeof passwordlessUser>[] = [];
  const members: { id: string; userId: string; role: string; email: string; teamId: string | null }[] = [];
  for (const [email, w] of wanted) {
    const user = userByEmail.get(email);
    const out = outcomes[w.index];
    if (isBannedNow(user)) Object.assign(out, { status: "skipped", reason: "banned" });
    else if (user?.members.length) Object.assign(out, { status: "skipped", reason: "already_member", userId: user.id });
    else if (room <= 0) Object.assign(out, { status: "skipped", reason: "membership_limit" });
    else {
      room--;
      const fresh = user ? null : passwordlessUser(email, w.name, now);
      if (fresh) newUsers.push(fresh);
      const userId = user?.id ?? fresh!.id;
      members.push({ id: newAuthId(), userId, role: w.role, email, teamId: w.teamId });
      Object.assign(out, { userId, createdUser: !user });
    }
  }
  if (newUsers.length) await tx.user.createMany({ data: newUsers });
  if (members.length) {
    await tx.member.createMany({ data: members.map((m) => ({ id: m.id, organizationId: organizationId, userId: m.userId, role: m.role, createdAt: now })) });
    await addTeamMembers(tx, members.flatMap((m) => (m.teamId ? [{ teamId: m.teamId, userId: m.userId }] : [])), now);
    // Pending invitations for people who are now members are superseded.
    const superseded = await tx.$queryRaw<{ id: string; email: string }[]>`
      UPDATE "invitation" SET status = 'canceled'
      WHERE "organizationId" = ${organizationId} AND status = 'pending' AND email = ANY(${members.map((m) => m.email)}::text[])
      RETURNING id, email`;
    await recordAudit(tx, ctx, [
      ...newUsers.map((u) => ({ action: "user.created", target: { type: "user", id: u.id, label: u.email }, metadata: { via: "membership" } })),
      ...members.map((m) => ({
        action: "member.added",
        organizationId: organizationId,
        target: { type: "member", id: m.id, label: m.email },
        metadata: { role: m.role, teamId: m.teamId },
      })),
      ...superseded.map((i) => ({
        action: "invitation.superseded",
        organizationId: organizationId,
        target: { type: "invitation", id: i.id, label: i.email },
        metadata: { reason: "added as a member directly" },
      })),
    ]);
  }
  return newUsers.map((u) => ({ userId: u.id, email: u.email }));
}
