import "server-only";
import { prisma } from "@/lib/db";
import { invitationStatus } from "./status";

/**
 * What the invitee's page shows. The id is the link's secret; anyone holding it may see who invited whom,
 * but only the invited address can accept (better-auth checks the signed-in email).
 */
export async function getInvitationForInvitee(id: string) {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(id)) return null;
  const inv = await prisma.invitation.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      role: true,
      status: true,
      expiresAt: true,
      organization: { select: { id: true, name: true } },
      user: { select: { name: true, email: true } },
    },
  });
  if (!inv) return null;
  const existingUser = await prisma.user.findUnique({ where: { email: inv.email }, select: { id: true, accounts: { select: { providerId: true } } } });
  return {
    id: inv.id,
    email: inv.email,
    role: inv.role ?? "member",
    status: invitationStatus(inv),
    expiresAt: inv.expiresAt.toISOString(),
    organization: inv.organization,
    inviter: inv.user,
    hasAccount: !!existingUser,
    hasPassword: !!existingUser?.accounts.some((a) => a.providerId === "credential"),
  };
}
export type InviteeView = NonNullable<Awaited<ReturnType<typeof getInvitationForInvitee>>>;
