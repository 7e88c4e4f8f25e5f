import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getActor } from "@/lib/permissions";

/** The signed-in actor for this request (memoised per render). */
export const getCurrentActor = cache(async () => getActor(await headers()));

/** IP and user agent of the current request, for the audit log. */
export async function requestMeta() {
  const h = await headers();
  return {
    ipAddress: h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || null,
    userAgent: h.get("user-agent"),
  };
}
