import "server-only";
import { prisma } from "@/lib/db";
import { hashToken, isWellFormedToken } from "@/lib/tokens";
import { isBannedNow } from "@/lib/users/ban";
import { linkStatus, type LinkStatus } from "./schema";

/** What the link's confirm page shows. Reading never consumes. */
export async function getLinkForHolder(token: string): Promise<{ status: LinkStatus | "unknown" | "suspended"; email?: string; purpose?: string; expiresAt?: string; organizationName?: string | null }> {
  if (!isWellFormedToken(token)) return { status: "unknown" };
  const link = await prisma.signInLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { email: true, purpose: true, usedAt: true, revokedAt: true, expiresAt: true, invitationId: true, userId: true },
  });
  if (!link) return { status: "unknown" };
  // Said before anyone presses anything: a suspended account's link cannot be used.
  const person = await prisma.user.findUnique({ where: link.userId ? { id: link.userId } : { email: link.email }, select: { banned: true, banExpires: true } });
  if (isBannedNow(person)) return { status: "suspended", email: link.email, purpose: link.purpose };
  const invitation = link.invitationId
    ? await prisma.invitation.findUnique({ where: { id: link.invitationId }, select: { organization: { select: { name: true } } } })
    : null;
  return { status: linkStatus(link), email: link.email, purpose: link.purpose, expiresAt: link.expiresAt.toISOString(), organizationName: invitation?.organization.name ?? null };
}
