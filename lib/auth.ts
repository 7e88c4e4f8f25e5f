import { apiKey } from "@better-auth/api-key";
import { betterAuth } from "better-auth";
import { nextCookies } from "better-auth/next-js";
import { admin, magicLink, organization } from "better-auth/plugins";
import { createElement } from "react";
import { orgAc, orgRoles, platformAc, platformRoles } from "@/lib/access";
import { admitPlugin } from "@/lib/auth-plugins/admit";
import { API_KEYS, MAGIC_LINK_MINUTES, ORGANIZATION_LIMITS } from "@/lib/auth-settings";
import { authDatabase, prisma } from "@/lib/db";
import { sendEmail } from "@/lib/email/send";
import { MagicLinkEmail } from "@/lib/email/templates/magic-link-email";
import { env } from "@/lib/env";
import { logError, logWarn } from "@/lib/log";


export const auth = betterAuth({
  appName: "Admit",
  secret: env.authSecret,
  baseURL: env.appUrl,
  // better-auth's own Kysely adapter on Admit's pool (search_path admit, public: the same views Prisma uses):
  // its reads and writes skip the ORM's per-query work (the link exchange's session, every sign-in).
  database: authDatabase,
  // Invitation-only: nobody signs up from the public pages. Accounts come from invitations,
  // pre-accepted memberships, campaigns or an admin (server-side calls are not affected).
  emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10 },
  user: {
    // Invitation-only provisioning: a magic link may create an account only for an address with a live
    // invitation. Admin- and server-created accounts are not affected.
    validateUserInfo: async ({ user, source }) => {
      if (source.method !== "magic-link" || source.action !== "create-user") return;
      if (!(await hasLiveInvitation(String(user.email ?? "")))) {
        return { error: "invitation_required", errorDescription: "Accounts are created by invitation only." };
      }
    },
  },
  session: {
    expiresIn: 60 * 60 * 24 * 7,
    updateAge: 60 * 60 * 24,
    // No cookie cache: every read of a session is the session row, so a revoked session or a ban takes effect
    // at once. The console's session reader (lib/session.ts) checks the signed cookie and reads the row, role,
    // ban and memberships in one statement (lib/actor.ts#actorForSessionToken).
  },
  rateLimit: {
    enabled: env.rateLimits,
    storage: "database",
    window: 60,
    max: 100,
    customRules: {
      "/sign-in/email": { window: 60, max: 10 },
      "/sign-in/magic-link": { window: 60, max: 5 },
      "/magic-link/verify": { window: 60, max: 10 },
      // Called by the application's server (one address for everyone): limited per end user inside.
      "/admit/link-exchange": false,
    },
  },
  // better-auth's own log lines go through the redacting logger: its messages may quote tokens.
  logger: {
    level: "warn",
    log: (level, message, ...args) => (level === "error" ? logError : logWarn)("auth", message, ...args),
  },
  advanced: {
    ipAddress: { ipAddressHeaders: ["x-forwarded-for", "x-real-ip"] },
    // Shared-cookie mode (README, "Attach Admit to your application"): the session cookie is the
    // application's own, on the parent domain both share, so a used link signs people in to the application.
    ...(env.appCookie ? { cookiePrefix: env.appCookie.prefix, crossSubDomainCookies: { enabled: true, domain: env.appCookie.domain } } : {}),
  },
  plugins: [
    admin({ ac: platformAc, roles: platformRoles, adminRoles: ["admin"], defaultRole: "user" }),
    organization({
      ac: orgAc,
      roles: orgRoles,
      teams: { enabled: true },
      allowUserToCreateOrganization: false,
      invitationExpiresIn: env.invitationExpiresDays * 24 * 60 * 60,
      invitationLimit: ORGANIZATION_LIMITS.invitations,
      membershipLimit: ORGANIZATION_LIMITS.members,
    }),
    magicLink({
      // Sign-up through a magic link is allowed only for invited addresses (user.validateUserInfo above).
      disableSignUp: false,
      storeToken: "hashed",
      expiresIn: MAGIC_LINK_MINUTES * 60,
      sendMagicLink: async ({ email, token, url }) => {
        // No mail for addresses that have neither an account nor a live invitation; the caller gets the
        // same answer either way, so this reveals nothing.
        const known = await prisma.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
        if (!known && !(await hasLiveInvitation(email))) return;
        // The emailed link opens a confirm page (GET changes nothing); its POST verifies the token.
        const next = new URL(url).searchParams.get("callbackURL") ?? "/";
        const confirmUrl = `${env.appUrl}/sign-in/link?${new URLSearchParams({ token, next })}`;
        await sendEmail({
          to: email,
          subject: "Your sign-in link for Admit",
          react: createElement(MagicLinkEmail, { url: confirmUrl, email, expiresInMinutes: MAGIC_LINK_MINUTES }),
          tags: [{ name: "kind", value: "magic-link" }],
        }, { requestedByRecipient: true });
      },
    }),
    // Keys for the HTTP API (/api/v1). The plugin verifies them (lib/session.ts#getApiActor); Admit writes and
    // revokes them (lib/api-keys/) so each change is audited in its transaction. Its HTTP endpoints are closed
    // (lib/auth-plugins/admit.ts); a key never becomes a session.
    apiKey({
      defaultPrefix: API_KEYS.prefix,
      defaultKeyLength: API_KEYS.length,
      enableMetadata: true,
      enableSessionForAPIKeys: false,
      startingCharactersConfig: { shouldStore: true, charactersLength: API_KEYS.shownCharacters },
      rateLimit: { enabled: true, timeWindow: API_KEYS.windowMs, maxRequests: API_KEYS.perMinute },
    }),
    admitPlugin(),
    nextCookies(), // must stay last: applies Set-Cookie from server actions
  ],
});

export type Session = typeof auth.$Infer.Session;

async function hasLiveInvitation(email: string) {
  const found = await prisma.invitation.findFirst({
    where: { email: email.trim().toLowerCase(), status: "pending", expiresAt: { gt: new Date() } },
    select: { id: true },
  });
  return !!found;
}
