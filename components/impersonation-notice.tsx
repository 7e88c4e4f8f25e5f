import { prisma } from "@/lib/db";
import { getCurrentActor } from "@/lib/session";
import { ImpersonationBanner } from "./impersonation-banner";

/** On every page while an admin is impersonating someone: who, by whom, and the way back. */
export async function ImpersonationNotice() {
  const actor = await getCurrentActor();
  if (!actor?.impersonatedBy) return null;
  const admin = await prisma.user.findUnique({ where: { id: actor.impersonatedBy }, select: { email: true } });
  return <ImpersonationBanner targetEmail={actor.email} adminEmail={admin?.email ?? "an administrator"} />;
}
