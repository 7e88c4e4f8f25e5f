/**
 * The console's side of the link exchange (README, "Attach Admit to your application"): the application's
 * admitLinkExchange plugin (packages/better-auth-admit) receives the link's POST on its own origin and
 * trades the token here, server to server, authenticated by APP_LINK_EXCHANGE_SECRET. The link is used by
 * the same code as the console's confirm page (lib/sign-in-links/consume.ts: policy asked again, one
 * winner, audited); the session row it creates is handed back by token for the application to set as its
 * own cookie. Refused (404) unless exchange mode is configured; rate limited per end user's address.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { landingUrl } from "@/lib/app-links";
import { env } from "@/lib/env";
import { hitRateLimit, LIMITS, RateLimitedError } from "@/lib/rate-limit";
import { consumeSignInLink } from "@/lib/sign-in-links/consume";

export const LINK_EXCHANGE_PATH = "/admit/link-exchange";

/**
 * Admit's rate limit (lib/rate-limit.ts) inside one of its better-auth endpoints, as better-auth answers its
 * own: 429 with code RATE_LIMITED, the wait in the body (`retryAfter`) and in X-Retry-After.
 */
export async function limitAuthEndpoint(name: keyof typeof LIMITS, subject: string | null) {
  try {
    await hitRateLimit(name, subject);
  } catch (e) {
    if (!(e instanceof RateLimitedError)) throw e;
    throw new APIError("TOO_MANY_REQUESTS", { code: "RATE_LIMITED", message: e.message, retryAfter: e.retryAfterSeconds }, { "X-Retry-After": String(e.retryAfterSeconds) });
  }
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** `Authorization: Bearer <APP_LINK_EXCHANGE_SECRET>`, compared in constant time. */
export function isExchangeAuthorized(header: string | null | undefined) {
  const secret = env.appLinkExchangeSecret;
  if (!secret || env.appSignIn !== "exchange" || !header?.startsWith("Bearer ")) return false;
  return timingSafeEqual(digest(header.slice("Bearer ".length)), digest(secret));
}

export const linkExchangeEndpoint = createAuthEndpoint(
  LINK_EXCHANGE_PATH,
  {
    method: "POST",
    body: z.object({ token: z.string().max(100), ipAddress: z.string().max(100).nullish(), userAgent: z.string().max(1000).nullish() }),
  },
  async (ctx) => {
    if (env.appSignIn !== "exchange") throw new APIError("NOT_FOUND");
    if (!isExchangeAuthorized(ctx.headers?.get("authorization"))) throw new APIError("UNAUTHORIZED", { code: "EXCHANGE_UNAUTHORIZED", message: "The application's link exchange secret does not match the console's." });
    const meta = { ipAddress: ctx.body.ipAddress ?? null, userAgent: ctx.body.userAgent ?? null };
    await limitAuthEndpoint("linkExchange", meta.ipAddress);
    const result = await consumeSignInLink(ctx, ctx.body.token, meta, { setCookie: false });
    return ctx.json({ sessionToken: result.sessionToken, redirectTo: landingUrl(result.redirectTo) });
  },
);
