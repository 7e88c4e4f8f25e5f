import "server-only";
import { prisma } from "@/lib/db";
import { hashToken, isWellFormedToken } from "@/lib/tokens";
import { linkStatus, type LinkStatus } from "./schema";

/** What the link's confirm page shows. Reading never consumes. */
export async function getLinkForHolder(token: string): Promise<{ status: LinkStatus | "unknown"; email?: string; purpose?: string; expiresAt?: string; organizationName?: string | null }> {
  if (!isWellFormedToken(token)) return { status: "unknown" };
  const link = await prisma.signInLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { email: true, purpose: true, usedAt: true, revokedAt: true, expiresAt: true, invitationId: true },
  });
  if (!link) return { status: "unknown" };
  const invitation = link.invitationId
    ? await prisma.invitation.findUnique({ where: { id: link.invitationId }, select: { organization: { select: { name: true } } } })
    : null;
  return { status: linkStatus(link), email: link.email, purpose: link.purpose, expiresAt: link.expiresAt.toISOString(), organizationName: invitation?.organization.name ?? null };
}
