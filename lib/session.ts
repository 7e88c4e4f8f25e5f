import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { actorFromUser } from "@/lib/actor";
import { auth } from "@/lib/auth";
import type { Actor } from "@/lib/permissions";
import { clientAddress } from "@/lib/client-address";

/**
 * The session reader: the signed-in person behind these request headers, read fresh from the database
 * (better-auth reads the session and its user on every call; no cookie cache is configured, so the role
 * and ban state are current); null if nobody, or banned.
 */
export async function getActor(requestHeaders: Headers): Promise<Actor | null> {
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  return actorFromUser(session.user, { sessionId: session.session.id, impersonatedBy: session.session.impersonatedBy ?? null });
}

/** The signed-in actor for this request (memoised per render). */
export const getCurrentActor = cache(async () => getActor(await headers()));

/** IP and user agent of the current request, for the audit log and rate limits. */
export async function requestMeta() {
  const h = await headers();
  return { ipAddress: clientAddress(h), userAgent: h.get("user-agent") };
}
