/**
 * Team memberships Admit writes directly (pre-accepted members, campaign invitations accepted through a
 * link), in one place, inside the caller's transaction: the row better-auth 1.7 writes, with its unique
 * `membershipKey`, and the team's `memberCount` kept equal to its rows.
 *
 * The key is better-auth-admit's `teamMembershipKey`, a copy of better-auth's internal formula
 * (plugins/organization/adapter.ts `computeTeamMembershipKey`, not exported). `tests/integration/memberships.test.ts` compares it with the key better-auth itself stores,
 * so an upgrade that changes the formula fails the suite instead of breaking silently.
 */
import { teamMembershipKey } from "better-auth-admit";
import type { Tx } from "@/lib/db";
import { newAuthId } from "@/lib/tokens";

/** Adds these (team, user) pairs (existing ones are left alone) and recounts the teams touched. */
export async function addTeamMembers(tx: Tx, pairs: { teamId: string; userId: string }[], now = new Date()) {
  if (!pairs.length) return;
  await tx.teamMember.createMany({
    data: pairs.map((p) => ({ id: newAuthId(), teamId: p.teamId, userId: p.userId, membershipKey: teamMembershipKey(p.teamId, p.userId), createdAt: now })),
    skipDuplicates: true,
  });
  const touched = [...new Set(pairs.map((p) => p.teamId))];
  await tx.$executeRaw`UPDATE "team" t SET "memberCount" = (SELECT count(*)::int FROM "teamMember" tm WHERE tm."teamId" = t.id) WHERE t.id = ANY(${touched}::text[])`;
}

export { teamMembershipKey };
