/**
 * Admit's better-auth plugin: endpoints for what better-auth 1.7 lacks, run inside better-auth's context with its
 * configuration; the one a browser's request leads to is server only (off the HTTP router), the other answers
 * only the application's server holding the exchange secret.
 *
 *   consumeSignInLink (server only)        use a sign-in link once and get a real session: called in process
 *                                          by the confirm page's POST (lib/auth-forward.ts#redeemLinkToken), not on
 *                                          better-auth's HTTP router; limited per client IP (signInLinkUse)
 *   POST /admit/link-exchange              the same, server to server, for the application's link exchange
 *                                          plugin (./link-exchange.ts)
 *
 * better-auth's api-key endpoints closed to HTTP (keys are created and revoked in the console, audited:
 * lib/api-keys/; the plugin only verifies them, called by the server),
 * an audit event for every change made through better-auth's own admin and organization HTTP endpoints
 * (./stock-audit.ts), and guards on better-auth's own endpoints:
 *   - a banned user's session, if one survived the ban (a ban written to the database directly, not through
 *     the admin plugin, which revokes sessions), opens none of them;
 *   - every destination they take (callbackURL, newUserCallbackURL, errorCallbackURL, redirectTo) must pass
 *     the one redirect rule (lib/redirects.ts), or the request is refused when it is made;
 *   - account changes (ban, unban, role, sessions, removal) ask Admit's one rule for them (lib/users/rules.ts);
 *   - inviting or adding a member asks the organization's seats (lib/organizations/seats.ts);
 *   - `/admin/impersonate-user` is wrapped: it needs a `reason` and the credential policy's yes
 *     (lib/credential-policy.ts), and its audit event names both people and the reason.
 */
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { CREDENTIAL_REFUSAL_TEXT, credentialRefusal } from "@/lib/credential-policy";
import { prisma } from "@/lib/db";
import { seatRefusal } from "@/lib/organizations/seats";
import { actorFromUserId } from "@/lib/actor";
import { can } from "@/lib/permissions";
import { normalizeRedirect } from "@/lib/redirects";
import { consumeSignInLink } from "@/lib/sign-in-links/consume";
import { isBannedNow } from "@/lib/users/ban";
import { USER_CHANGE_REFUSAL_TEXT, userChangeRefusal, type UserChange } from "@/lib/users/rules";
import { limitAuthEndpoint, linkExchangeEndpoint, LINK_EXCHANGE_PATH } from "./link-exchange";
import { stockAuditHook } from "./stock-audit";
import { impersonationStaysBounded } from "better-auth-admit";
import { z } from "zod";
import { clientAddress } from "@/lib/client-address";

const DESTINATIONS = ["callbackURL", "newUserCallbackURL", "errorCallbackURL", "redirectTo"] as const;
const destinationsIn = (ctx: { body?: unknown; query?: unknown }) =>
  [ctx.body, ctx.query].flatMap((source) =>
    source && typeof source === "object" ? DESTINATIONS.filter((k) => (source as Record<string, unknown>)[k] !== undefined).map((k) => [k, (source as Record<string, unknown>)[k]] as const) : [],
  );

export const impersonationReason = z.string().trim().min(3, "Say why you need to impersonate (it is audited).").max(500);

/** better-auth's admin endpoints that change another person's account, and which change each one is. */
const ACCOUNT_CHANGES: Record<string, UserChange> = {
  "/admin/ban-user": "ban",
  "/admin/unban-user": "unban",
  "/admin/set-role": "set-role",
  "/admin/revoke-user-sessions": "revoke-sessions",
  "/admin/revoke-user-session": "revoke-sessions",
  "/admin/remove-user": "remove",
};

const SESSION_FREE = ["/get-session", "/sign-out", "/sign-in/", "/magic-link/verify", "/admit/sign-in-link/consume", LINK_EXCHANGE_PATH];

/** The one rule for account changes (lib/users/rules.ts), on better-auth's own admin endpoints too. */
const accountChangeGuard = {
  matcher: (ctx: { path?: string }) => !!ctx.path && ctx.path in ACCOUNT_CHANGES,
  handler: createAuthMiddleware(async (ctx) => {
    const session = await getSessionFromCtx(ctx, { disableCookieCache: true });
    if (!session) return; // the endpoint answers 401 itself
    const body = (ctx.body ?? {}) as { userId?: unknown; sessionToken?: unknown; role?: unknown };
    const userId = body.userId !== undefined ? String(body.userId) : (await prisma.session.findUnique({ where: { token: String(body.sessionToken ?? "") }, select: { userId: true } }))?.userId;
    const target = userId ? await prisma.user.findUnique({ where: { id: userId }, select: { id: true, role: true } }) : null;
    if (!target) return; // the endpoint answers 404 itself
    const [{ admins }] = await prisma.$queryRaw<{ admins: number }[]>`
      SELECT count(*)::int AS admins FROM "user" WHERE ',' || coalesce(role, '') || ',' LIKE '%,admin,%' AND coalesce(banned, false) = false`;
    const newRole = Array.isArray(body.role) ? body.role.join(",") : body.role === undefined ? undefined : String(body.role);
    const refusal = userChangeRefusal({ userId: session.user.id, role: (session.user as { role?: string | null }).role ?? null }, target, ACCOUNT_CHANGES[ctx.path!], { admins, newRole });
    if (refusal) throw new APIError(refusal === "last_admin" ? "CONFLICT" : "FORBIDDEN", { code: refusal.toUpperCase(), message: USER_CHANGE_REFUSAL_TEXT[refusal] });
  }),
};

/**
 * Seats (lib/organizations/seats.ts) on better-auth's own invite endpoint. (Its `addMember` has no HTTP path:
 * only server code holding `auth` calls it, and Admit's adds people through better-auth-admit.)
 */
const seatGuard = {
  matcher: (ctx: { path?: string }) => ctx.path === "/organization/invite-member",
  handler: createAuthMiddleware(async (ctx) => {
    const body = (ctx.body ?? {}) as { organizationId?: unknown; email?: unknown };
    // Only for someone who may invite there: anyone else gets the endpoint's own refusal, never a hint of the
    // organization's seats.
    const session = await getSessionFromCtx(ctx, { disableCookieCache: true }).catch(() => null);
    if (!session) return;
    const organizationId = typeof body.organizationId === "string" ? body.organizationId : ((session.session as { activeOrganizationId?: string | null }).activeOrganizationId ?? null);
    if (!organizationId) return; // the endpoint answers for a missing organization itself
    const actor = await actorFromUserId(session.user.id, { impersonatedBy: (session.session as { impersonatedBy?: string | null }).impersonatedBy ?? null });
    if (!actor || !can(actor, "invitation:create", { organizationId })) return;
    const refusal = await seatRefusal(organizationId, typeof body.email === "string" ? body.email : null);
    if (refusal) throw new APIError("FORBIDDEN", { code: "SEAT_LIMIT_REACHED", message: refusal + "." });
  }),
};

export const admitPlugin = () =>
  ({
    id: "admit",
    // An impersonation session keeps its end (the admin plugin's hour, a link's): never refreshed past it.
    init: () => ({ options: { databaseHooks: impersonationStaysBounded } }),
    endpoints: {
      // Off the HTTP router (SERVER_ONLY): the confirm page calls it in process, without better-auth's router being
      // built for each request. The path stays for the hooks' matchers.
      consumeSignInLink: createAuthEndpoint(
        "/admit/sign-in-link/consume",
        { method: "POST", body: z.object({ token: z.string().max(100) }), metadata: { SERVER_ONLY: true } },
        async (ctx) => {
          const h = ctx.request?.headers ?? ctx.headers;
          const ipAddress = clientAddress(h);
          await limitAuthEndpoint("signInLinkUse", ipAddress);
          const result = await consumeSignInLink(ctx, ctx.body.token, { ipAddress, userAgent: h?.get("user-agent") ?? null });
          return ctx.json({ redirectTo: result.redirectTo });
        },
      ),
      linkExchange: linkExchangeEndpoint,
    },
    hooks: {
      before: [
        {
          // API keys are Admit's to write (lib/api-keys/, audited); no browser or client creates, lists,
          // changes or deletes them through the plugin's own routes.
          matcher: (ctx) => !!ctx.request && (ctx.path ?? "").startsWith("/api-key/"),
          handler: createAuthMiddleware(async () => {
            throw new APIError("NOT_FOUND", { code: "NOT_FOUND", message: "API keys are managed in Admit's console." });
          }),
        },
        {
          // The one redirect rule, at the moment a destination is given (not later, when a link is used).
          matcher: (ctx) => destinationsIn(ctx).length > 0,
          handler: createAuthMiddleware(async (ctx) => {
            for (const [key, value] of destinationsIn(ctx)) {
              if (normalizeRedirect(value) === null) {
                throw new APIError("BAD_REQUEST", { code: "INVALID_REDIRECT", message: `${key} must be a path on this site.` });
              }
            }
          }),
        },
        {
          matcher: (ctx) => ctx.path === "/admin/impersonate-user",
          handler: createAuthMiddleware(async (ctx) => {
            const reason = impersonationReason.safeParse((ctx.body as { reason?: unknown } | undefined)?.reason);
            if (!reason.success) throw new APIError("BAD_REQUEST", { code: "REASON_REQUIRED", message: reason.error.issues[0].message });
            const session = await getSessionFromCtx(ctx, { disableCookieCache: true });
            if (!session) throw new APIError("UNAUTHORIZED");
            const userId = String((ctx.body as { userId?: unknown }).userId ?? "");
            const target = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, role: true, banned: true, banExpires: true } });
            if (!target) throw new APIError("NOT_FOUND", { code: "USER_NOT_FOUND", message: "User not found." });
            const issuer = { ...session.user, userId: session.user.id, role: (session.user as { role?: string | null }).role ?? null, impersonatedBy: (session.session as { impersonatedBy?: string | null }).impersonatedBy };
            const refusal = credentialRefusal(issuer, target, "impersonation");
            if (refusal) throw new APIError("FORBIDDEN", { code: `IMPERSONATION_${refusal.toUpperCase()}`, message: CREDENTIAL_REFUSAL_TEXT[refusal] + "." });
          }),
        },
        accountChangeGuard,
        seatGuard,
        {
          // Not where a session is read, ended or replaced by a new one (sign-in; bearer links).
          matcher: (ctx) => !!ctx.headers?.get("cookie")?.includes("session_token") && !SESSION_FREE.some((p) => (ctx.path ?? "").startsWith(p)),
          handler: createAuthMiddleware(async (ctx) => {
            // Read from the database, not the cookie cache: the endpoint then gets this same session, so a
            // revoked session or a ban stops better-auth's own endpoints at once.
            const session = await getSessionFromCtx(ctx, { disableCookieCache: true });
            if (isBannedNow(session?.user as Parameters<typeof isBannedNow>[0])) {
              throw new APIError("FORBIDDEN", { code: "BANNED_USER", message: "This account is banned." });
            }
          }),
        },
      ],
      after: [stockAuditHook],
    },
  }) satisfies BetterAuthPlugin;
