/**
 * Rate limits for what better-auth's own limiter does not see (its limiter guards HTTP requests to its
 * routes; server actions call `auth.api` directly). Same table as better-auth's (`rateLimit`), so the limits
 * hold across instances; keys are prefixed `admit:`. One atomic upsert per attempt, fixed windows.
 */
import { randomUUID } from "node:crypto";
import { Prisma, queryRows } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${retryAfterSeconds} s.`, 429, "rate_limited");
  }
}

export const LIMITS = {
  /** Accepting or declining invitations, per client IP. */
  invitationResponse: { windowSeconds: 60, max: 10 },
  /** Sign-in links used from the console's confirm page, per client IP (every try counts, used or not). */
  signInLinkUse: { windowSeconds: 60, max: 10 },
  /** Links traded by the application's link exchange plugin, per end user's address (as the application saw it). */
  linkExchange: { windowSeconds: 60, max: 10 },
} as const;

/** Counts one attempt for this key; throws RateLimitedError (with the seconds to wait) past the limit. */
export async function hitRateLimit(name: keyof typeof LIMITS, subject: string | null | undefined) {
  if (!env.rateLimits) return;
  const { windowSeconds, max } = LIMITS[name];
  const key = `admit:${name}:${subject ?? "unknown"}`;
  const now = Date.now();
  const windowMs = windowSeconds * 1000;
  // On the link exchange's and the invitation answer's path: one statement, kept (lib/db.ts#queryRows).
  const [row] = await queryRows<{ count: number; lastRequest: bigint }[]>(Prisma.sql`
    INSERT INTO "admit"."rateLimit" (id, key, count, "lastRequest") VALUES (${randomUUID()}, ${key}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN ${now} - "rateLimit"."lastRequest" >= ${windowMs} THEN 1 ELSE "rateLimit".count + 1 END,
      "lastRequest" = CASE WHEN ${now} - "rateLimit"."lastRequest" >= ${windowMs} THEN ${now} ELSE "rateLimit"."lastRequest" END
    RETURNING count, "lastRequest"`, { prepared: true });
  if (row.count > max) throw new RateLimitedError(Math.max(1, Math.ceil((Number(row.lastRequest) + windowMs - now) / 1000)));
}
