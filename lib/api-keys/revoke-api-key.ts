import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { authorize, can } from "@/lib/permissions";
import { apiKeyStatus } from "./schema";

/**
 * Revoke keys at once (the plugin's `enabled` goes false, so its verification refuses them): one's own, or
 * anyone's with `apiKey:manage-any`. Another person's key without that permission is reported as not found.
 */
export async function revokeApiKeys(ctx: ActorContext, ids: string[]) {
  const actor = await authorize(ctx.actor, "apiKey:create");
  if (actor.key) throw new ForbiddenError("An API key cannot revoke API keys.");
  const anyone = can(actor, "apiKey:manage-any");
  const keys = await prisma.apikey.findMany({
    where: { id: { in: ids }, ...(anyone ? {} : { referenceId: actor.userId }) },
    select: { id: true, name: true, enabled: true, revokedAt: true, expiresAt: true, referenceId: true, metadata: true },
  });
  const revoked = await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "admit"."apikey" SET enabled = false, "revokedAt" = now(), "revokedById" = ${actor.userId}, "updatedAt" = now()
      WHERE id = ANY(${keys.map((k) => k.id)}::text[]) AND "revokedAt" IS NULL
      RETURNING id`;
    const done = new Set(rows.map((r) => r.id));
    await recordAudit(
      tx,
      ctx,
      keys.filter((k) => done.has(k.id)).map((k) => ({ action: "apiKey.revoked", target: { type: "apiKey", id: k.id, label: k.name ?? k.id }, metadata: { ownerId: k.referenceId } })),
    );
    return done;
  });
  const found = new Map(keys.map((k) => [k.id, k]));
  return ids.map((id) => {
    const key = found.get(id);
    if (!key) return { id, status: "skipped" as const, reason: "Not found." };
    if (revoked.has(id)) return { id, status: "revoked" as const };
    return { id, status: "skipped" as const, reason: `The key is already ${apiKeyStatus(key)}.` };
  });
}
