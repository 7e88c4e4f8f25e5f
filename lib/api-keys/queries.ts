import "server-only";
import { Prisma, queryRows } from "@/lib/db";
import { authorize, can, type Actor } from "@/lib/permissions";
import { apiKeyStatus, keyOrganization, permissionsToScopes } from "./schema";

/**
 * The API keys page: one's own keys, or everyone's for an admin (`apiKey:manage-any`), newest first, with
 * their owners and organizations in the same statement. Never the key itself (only its first characters).
 */
export async function listApiKeys(actor: Actor | null) {
  await authorize(actor, "apiKey:create");
  const anyone = can(actor, "apiKey:manage-any");
  const rows = await queryRows<
    {
      id: string; name: string | null; start: string | null; referenceId: string; ownerEmail: string | null; permissions: string | null; metadata: string | null;
      enabled: boolean | null; revokedAt: Date | null; expiresAt: Date | null; createdAt: Date; lastRequest: Date | null; rateLimitMax: number | null; organizationName: string | null;
    }[]
  >(Prisma.sql`
    SELECT k.id, k.name, k.start, k."referenceId", u.email AS "ownerEmail", k.permissions, k.metadata, k.enabled, k."revokedAt", k."expiresAt",
           k."createdAt", k."lastRequest", k."rateLimitMax", o.name AS "organizationName"
    FROM "admit"."apikey" k
    LEFT JOIN "user" u ON u.id = k."referenceId"
    LEFT JOIN "organization" o ON o.id = (k.metadata::jsonb ->> 'organizationId')
    WHERE ${anyone} OR k."referenceId" = ${actor!.userId}
    ORDER BY k."createdAt" DESC
    LIMIT 500`);
  const now = new Date();
  return rows.map((r) => ({
    id: r.id,
    name: r.name ?? "(unnamed)",
    start: r.start ?? "",
    own: r.referenceId === actor!.userId,
    ownerEmail: r.ownerEmail ?? "deleted user",
    scopes: permissionsToScopes(r.permissions),
    organizationId: keyOrganization(r.metadata),
    organization: r.organizationName,
    status: apiKeyStatus(r, now),
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    lastUsedAt: r.lastRequest?.toISOString() ?? null,
    rateLimitPerMinute: r.rateLimitMax,
  }));
}
export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];
