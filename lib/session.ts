import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { actorForSession } from "@/lib/actor";
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
