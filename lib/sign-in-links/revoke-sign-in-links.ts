import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { UnauthorizedError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { linkStatus } from "./schema";

/** unused -> revoked, atomically; used, expired or already revoked links are reported and left alone. */
export async function revokeSignInLinks(ctx: ActorContext, ids: string[]) {
  if (!ctx.actor) throw new UnauthorizedError();
  await authorize(ctx.actor, "signInLink:revoke");
  const links = await prisma.signInLink.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, usedAt: true, revokedAt: true, expiresAt: true } });
  const revoked = await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "admit"."sign_in_link" SET "revokedAt" = now(), "revokedById" = ${ctx.actor!.userId}
      WHERE id = ANY(${links.map((l) => l.id)}::text[]) AND "usedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > now()
      RETURNING id`;
    const done = new Set(rows.map((r) => r.id));
    await recordAudit(
      tx,
      ctx,
      links.filter((l) => done.has(l.id)).map((l) => ({ action: "signInLink.revoked", target: { type: "signInLink", id: l.id, label: l.email } })),
    );
    return done;
  });
  return links.map((l) => ({
    id: l.id,
    email: l.email,
    status: revoked.has(l.id) ? ("revoked" as const) : ("skipped" as const),
    reason: revoked.has(l.id) ? undefined : `Cannot revoke: the link is ${linkStatus(l)}`,
  }));
}
