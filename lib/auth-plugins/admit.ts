/**
 * Admit's better-auth plugin: server-only endpoints (no HTTP path, so no client can call them) for what
 * better-auth 1.7 lacks, run inside better-auth's context with its configuration.
 *
 *   auth.api.createInvitations({ body })  invitations on behalf of a named inviter, no session needed
 *   POST /admit/sign-in-link/consume       use a sign-in link once and get a real session (behind the
 *                                          confirm page's POST; rate limited like any auth route)
 *
 * an audit event for every change made through better-auth's own admin and organization HTTP endpoints
 * (./stock-audit.ts), and one guard: a banned user's session, if one survived the ban (a ban written to the database directly,
 * not through the admin plugin, which revokes sessions), opens none of better-auth's own endpoints either.
 */
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { createInvitationsInContext } from "@/lib/invitations/create-invitations";
import { createInvitationsInput } from "@/lib/invitations/schema";
import { consumeSignInLink } from "@/lib/sign-in-links/consume";
import { isBannedNow } from "@/lib/users/ban";
import { stockAuditHook } from "./stock-audit";
import { z } from "zod";

const SESSION_FREE = ["/get-session", "/sign-out", "/sign-in/", "/magic-link/verify", "/admit/sign-in-link/consume"];

type OrgLimit = number | ((...args: never[]) => unknown) | undefined;

export interface AdmitPluginOptions {
  /** Default invitation lifetime in seconds. */
  invitationExpiresIn: number;
}

export const admitPlugin = (options: AdmitPluginOptions) =>
  ({
    id: "admit",
    endpoints: {
      createInvitations: createAuthEndpoint({ method: "POST", body: createInvitationsInput }, async (ctx) => {
        const org = ctx.context.getPlugin("organization")?.options as { invitationLimit?: OrgLimit; membershipLimit?: OrgLimit } | undefined;
        const result = await createInvitationsInContext(
          {
            newId: () => (ctx.context.generateId({ model: "invitation" }) || crypto.randomUUID().replaceAll("-", "")) as string,
            // Per-organization limit functions are not supported for server-side bulk invitations.
            invitationLimit: typeof org?.invitationLimit === "number" ? org.invitationLimit : 100,
            membershipLimit: typeof org?.membershipLimit === "number" ? org.membershipLimit : 100,
            defaultExpiresIn: options.invitationExpiresIn,
          },
          ctx.body,
        );
        return ctx.json(result);
      }),
      consumeSignInLink: createAuthEndpoint(
        "/admit/sign-in-link/consume",
        { method: "POST", body: z.object({ token: z.string().max(100) }) },
        async (ctx) => {
          const h = ctx.request?.headers ?? ctx.headers;
          const ipAddress = h?.get("x-forwarded-for")?.split(",")[0]?.trim() || h?.get("x-real-ip") || null;
          const result = await consumeSignInLink(ctx, ctx.body.token, { ipAddress, userAgent: h?.get("user-agent") ?? null });
          return ctx.json({ redirectTo: result.redirectTo });
        },
      ),
    },
    hooks: {
      before: [
        {
          // Not where a session is read, ended or replaced by a new one (sign-in; bearer links).
          matcher: (ctx) => !!ctx.headers?.get("cookie")?.includes("session_token") && !SESSION_FREE.some((p) => (ctx.path ?? "").startsWith(p)),
          handler: createAuthMiddleware(async (ctx) => {
            const session = await getSessionFromCtx(ctx);
            if (isBannedNow(session?.user as Parameters<typeof isBannedNow>[0])) {
              throw new APIError("FORBIDDEN", { code: "BANNED_USER", message: "This account is banned." });
            }
          }),
        },
      ],
      after: [stockAuditHook],
    },
    rateLimit: [{ pathMatcher: (path: string) => path === "/admit/sign-in-link/consume", window: 60, max: 10 }],
  }) satisfies BetterAuthPlugin;
