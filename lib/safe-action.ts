import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import type { ActorContext } from "@/lib/audit/record";
import { AppError, UnauthorizedError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { logError } from "@/lib/log";
import { RateLimitedError } from "@/lib/rate-limit";
import { getActor, requestMeta } from "@/lib/session";

/** `retryAfter`: seconds to wait, when a rate limit refused the action. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; retryAfter?: number };
export type SignedInContext = ActorContext & { actor: Actor };

/**
 * The frame of every server action: the actor comes from the session and the database (never from the
 * client), the request's IP and user agent are captured for the audit log, and only our own errors reach
 * the user verbatim. Each action still validates its input and asks lib/permissions itself.
 */
export async function runAction<T>(work: (ctx: SignedInContext) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const actor = await getActor(await headers());
    if (!actor) throw new UnauthorizedError("Your session has ended. Sign in again.");
    return { ok: true, data: await work({ actor, ...(await requestMeta()) }) };
  } catch (e) {
    if (e instanceof RateLimitedError) return { ok: false, error: e.message, retryAfter: e.retryAfterSeconds };
    if (e instanceof AppError) return { ok: false, error: e.message };
    if (e instanceof z.ZodError) return { ok: false, error: e.issues[0]?.message ?? "Check the form and try again." };
    logError("action", "unexpected error", e);
    return { ok: false, error: "Something went wrong on our side. Please try again." };
  }
}
