/**
 * better-auth stores pending / accepted / rejected / canceled. "Expired" is never stored: it is a pending
 * invitation past its expiry, computed at read time so it can never be stale.
 */
export const INVITATION_STATUSES = ["pending", "expired", "accepted", "rejected", "canceled"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export function invitationStatus(inv: { status: string; expiresAt: Date }, now = new Date()): InvitationStatus {
  if (inv.status === "pending") return inv.expiresAt <= now ? "expired" : "pending";
  return (INVITATION_STATUSES as readonly string[]).includes(inv.status) ? (inv.status as InvitationStatus) : "canceled";
}
