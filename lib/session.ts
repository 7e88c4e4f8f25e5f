import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { headers } from "next/headers";
import { cache } from "react";
import { actorForSessionToken, actorFromUserId } from "@/lib/actor";
import { keyOrganization, permissionsToScopes } from "@/lib/api-keys/schema";
import { API_KEYS } from "@/lib/auth-settings";
import { auth } from "@/lib/auth";
import type { Actor } from "@/lib/permissions";
import { clientAddress } from "@/lib/client-address";

/**
 * The session token in better-auth's signed session cookie (its name and secret from better-auth's context),
 * checked as better-auth checks it (`getSignedCookie`: `token.signature`, HMAC-SHA256 in base64); null when
 * absent or not signed by this secret.
 */
async function sessionToken(requestHeaders: Headers): Promise<string | null> {
  const cookie = requestHeaders.get("cookie");
  if (!cookie) return null;
  const { authCookies, secret } = await auth.$context;
  const value = firstCookie(cookie, authCookies.sessionToken.name);
  const dot = value?.lastIndexOf(".") ?? -1;
  if (!value || dot < 1) return null;
  const token = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(createHmac("sha256", secret).update(token).digest("base64"));
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

/** A cookie's value as better-auth's endpoints read it (better-call: the first of that name, URI-decoded). */
function firstCookie(header: string, name: string): string | null {
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq === -1 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The session reader: the signed-in person behind these request headers; null if nobody, or banned, or the
 * session was revoked or has expired. The signed cookie is checked here, then one statement
 * (`actorForSessionToken`) reads the session row by its token, as better-auth's own session read does, with
 * everything that must be current: the person's role and ban state, their memberships. Without better-auth's
 * endpoint machinery (about 1 ms a request; bench/README.md, scenario 8).
 */
export async function getActor(requestHeaders: Headers): Promise<Actor | null> {
  const token = await sessionToken(requestHeaders);
  return token ? actorForSessionToken(token) : null;
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
