/**
 * API keys are written here, not through the plugin's endpoint, so the key and its audit event commit in one
 * transaction; the row is exactly the plugin's (its hash, prefix, start, scopes as `permissions`, organization
 * as `metadata`), so the plugin verifies it (lib/session.ts#getApiActor).
 */
import { randomUUID } from "node:crypto";
import { defaultKeyHasher } from "@better-auth/api-key";
import { generateRandomString } from "better-auth/crypto";
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { API_KEYS } from "@/lib/auth-settings";
import { prisma } from "@/lib/db";
import { AppError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { authorize, scopeOf, type Actor, type ApiScope } from "@/lib/permissions";
import { createApiKeyInput, scopesToPermissions, SCOPE_TEXT, type CreateApiKeyInput } from "./schema";

export interface CreatedApiKey {
  id: string;
  name: string;
  /** The key itself: shown once, never stored (only its SHA-256). */
  key: string;
  start: string;
  scopes: ApiScope[];
  organizationId: string | null;
  expiresAt: Date;
}

/** The scopes this person could not use through a key with these limits (a key adds nothing to a person). */
function unusableScopes(actor: Actor, scopes: ApiScope[], organizationId: string | null): ApiScope[] {
  const probe: Actor = { ...actor, key: { id: "", name: "", scopes, organizationId } };
  return scopes.filter((scope) => {
    const where = scopeOf(probe, scope);
    return !where.all && where.organizationIds.length === 0;
  });
}

/** A key for the person creating it, acting as them, narrowed to the scopes (and organization) chosen. */
export async function createApiKey(ctx: ActorContext, raw: CreateApiKeyInput): Promise<CreatedApiKey> {
  const actor = await authorize(ctx.actor, "apiKey:create");
  if (actor.key) throw new ForbiddenError("An API key cannot create API keys.");
  if (actor.impersonatedBy) throw new ForbiddenError("API keys cannot be created while impersonating.");
  const input = createApiKeyInput.parse(raw);
  const scopes = [...new Set(input.scopes)];
  const organizationId = input.organizationId ?? null;
  if (organizationId && !(await prisma.organization.findUnique({ where: { id: organizationId }, select: { id: true } }))) {
    throw new NotFoundError("The organization does not exist.");
  }
  const unusable = unusableScopes(actor, scopes, organizationId);
  if (unusable.length) {
    throw new AppError(`This key could not use: ${unusable.map((s) => SCOPE_TEXT[s].toLowerCase()).join(", ")}. ${organizationId ? "A key limited to one organization gets only what you may do there (sign-in links are not tied to an organization)." : "You may not do that yourself."}`, 422, "scope_not_held");
  }
  const key = `${API_KEYS.prefix}${generateRandomString(API_KEYS.length, "a-z", "A-Z")}`;
  const id = randomUUID();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
  const start = key.slice(0, API_KEYS.shownCharacters);
  await prisma.$transaction(async (tx) => {
    await tx.apikey.create({
      data: {
        id,
        name: input.name,
        start,
        prefix: API_KEYS.prefix,
        key: await defaultKeyHasher(key),
        referenceId: actor.userId,
        enabled: true,
        rateLimitEnabled: true,
        rateLimitTimeWindow: API_KEYS.windowMs,
        rateLimitMax: input.rateLimitPerMinute,
        requestCount: 0,
        expiresAt,
        createdAt: now,
        updatedAt: now,
        permissions: JSON.stringify(scopesToPermissions(scopes)),
        metadata: JSON.stringify({ organizationId }),
      },
    });
    await recordAudit(tx, ctx, {
      action: "apiKey.created",
      organizationId,
      target: { type: "apiKey", id, label: input.name },
      metadata: { scopes, start, expiresAt: expiresAt.toISOString(), rateLimitPerMinute: input.rateLimitPerMinute },
    });
  });
  return { id, name: input.name, key, start, scopes, organizationId, expiresAt };
}
