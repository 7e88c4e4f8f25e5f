import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { actorForSession, actorFromUserId } from "@/lib/actor";
import { keyOrganization, permissionsToScopes } from "@/lib/api-keys/schema";
import { API_KEYS } from "@/lib/auth-settings";
import { auth } from "@/lib/auth";
import type { Actor } from "@/lib/permissions";
import { clientAddress } from "@/lib/client-address";

/**
 * The session reader: the signed-in person behind these request headers; null if nobody, or banned, or the
 * session was revoked. better-auth reads the session from its signed cookie cache (no database read while the
 * cache is fresh, lib/auth.ts), then one query (`actorForSession`) reads what must be current: that the session
 * row still exists, the person's role and ban state, their memberships.
 */
export async function getActor(requestHeaders: Headers): Promise<Actor | null> {
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  return actorForSession(session.user.id, { sessionId: session.session.id, impersonatedBy: session.session.impersonatedBy ?? null });
}

/** The signed-in actor for this request (memoised per render). */
export const getCurrentActor = cache(async () => getActor(await headers()));

/** IP and user agent of the current request, for the audit log and rate limits. */
export async function requestMeta() {
  const h = await headers();
  return { ipAddress: clientAddress(h), userAgent: h.get("user-agent") };
}

/** Why a request's API key was refused: none given, not valid (unknown, revoked, expired, its person banned), or over its rate limit. */
export type ApiKeyRefusal = { refused: "missing" | "invalid" } | { refused: "rate_limited"; retryAfterSeconds: number };

/** The key in `Authorization: Bearer <key>` or `x-api-key`. */
function presentedKey(requestHeaders: Headers): string | null {
  const bearer = requestHeaders.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer ?? requestHeaders.get("x-api-key")?.trim() ?? null;
}

/**
 * The API's session reader: the person behind the request's API key, as they are now (their role, ban and
 * memberships read like a session's), carrying the key's scopes and organization, which the permission module
 * applies to every check. better-auth's api-key plugin verifies the key (hash, enabled, expiry, its per-key rate
 * limit); a key whose person is banned or gone is refused like an unknown one.
 */
export async function getApiActor(requestHeaders: Headers): Promise<Actor | ApiKeyRefusal> {
  const key = presentedKey(requestHeaders);
  if (!key) return { refused: "missing" };
  if (!key.startsWith(API_KEYS.prefix) || key.length > API_KEYS.prefix.length + API_KEYS.length) return { refused: "invalid" };
  const result = await auth.api.verifyApiKey({ body: { key } });
  if (!result.valid || !result.key) {
    const error = result.error as { code?: string; details?: { tryAgainIn?: number } } | null;
    if (error?.code === "RATE_LIMITED") return { refused: "rate_limited", retryAfterSeconds: Math.max(1, Math.ceil((error.details?.tryAgainIn ?? 60_000) / 1000)) };
    return { refused: "invalid" };
  }
  const actor = await actorFromUserId(result.key.referenceId);
  if (!actor) return { refused: "invalid" };
  const scopes = permissionsToScopes(result.key.permissions);
  return { ...actor, key: { id: result.key.id, name: result.key.name ?? "", scopes, organizationId: keyOrganization(result.key.metadata) } };
}
