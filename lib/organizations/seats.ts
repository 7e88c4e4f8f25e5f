/**
 * Seats: an organization may be given a limit on members plus pending (unexpired) invitations. One rule, asked
 * by every path that adds people: Admit's invitations, members, campaigns and HTTP API go through
 * better-auth-admit, which counts under the organization's seat lock (`seats` option; `seat_limit` per
 * person); better-auth's own `/organization/invite-member` asks `seatRefusal` (lib/auth-plugins/admit.ts). Accepting an invitation takes no new seat: the invitation held it.
 * Only platform admins set the limit (`organization:seats`); lowering it below what is taken removes nobody.
 */
import type { ActorContext } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { SEAT_LIMIT_TEXT } from "@/lib/people";
import { z } from "zod";
import { changeOrganizationSetting } from "./settings";

export const MAX_SEATS = 1_000_000;
export const seatLimitInput = z.object({
  organizationId: z.string().min(1).max(255),
  seats: z.number({ error: "Seats must be a number." }).int("Seats must be a whole number.").min(0, "Seats cannot be negative.").max(MAX_SEATS, `At most ${MAX_SEATS.toLocaleString("en")} seats.`).nullable(),
});


/** The organization's limit, or null for none: what better-auth-admit's `seats` option asks. */
export async function seatLimitOf(organizationId: string): Promise<number | null> {
  const settings = await prisma.organizationSettings.findUnique({ where: { organizationId }, select: { seatLimit: true } });
  return settings?.seatLimit ?? null;
}

/** Seats now: the limit, members, pending unexpired invitations, and what is left (null: no limit). */
export async function seatUsage(organizationId: string) {
  const [row] = await prisma.$queryRaw<{ limit: number | null; members: number; pending: number }[]>`
    SELECT (SELECT "seatLimit" FROM "admit"."organization_settings" WHERE "organizationId" = ${organizationId}) AS limit,
           (SELECT count(*)::int FROM "member" WHERE "organizationId" = ${organizationId}) AS members,
           (SELECT count(*)::int FROM "invitation" WHERE "organizationId" = ${organizationId} AND status = 'pending' AND "expiresAt" > now()) AS pending`;
  return seatSummary(row);
}

/** Seats taken (members plus pending invitations) and left, from the counts: the one place they are derived. */
export function seatSummary(row: { limit: number | null; members: number; pending: number }) {
  const used = row.members + row.pending;
  return { limit: row.limit, members: row.members, pending: row.pending, used, left: row.limit === null ? null : Math.max(0, row.limit - used) };
}
export type SeatUsage = Awaited<ReturnType<typeof seatUsage>>;

/**
 * For better-auth's one-at-a-time endpoints: whether adding this person (by address) would need a seat none is
 * left for. A person with a pending unexpired invitation already holds one.
 */
export async function seatRefusal(organizationId: string, email: string | null): Promise<string | null> {
  const usage = await seatUsage(organizationId);
  if (usage.left === null || usage.left > 0) return null;
  if (email) {
    const holds = await prisma.invitation.count({ where: { organizationId, email: email.toLowerCase(), status: "pending", expiresAt: { gt: new Date() } } });
    if (holds) return null;
  }
  return SEAT_LIMIT_TEXT;
}

/** Sets (or, with null, removes) an organization's seat limit; audited in the same transaction. */
export async function setSeatLimit(ctx: ActorContext, raw: z.input<typeof seatLimitInput>) {
  const input = seatLimitInput.parse(raw);
  await changeOrganizationSetting(ctx, { organizationId: input.organizationId, permission: "organization:seats", field: "seatLimit", value: input.seats, action: "organization.seats_changed" });
  return seatUsage(input.organizationId);
}
