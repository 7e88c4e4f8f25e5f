/**
 * Using a sign-in link: the better-auth endpoint behind the confirm page's POST. First the credential
 * policy is asked again with both people as they are now (lib/credential-policy.ts): a link whose person
 * was banned or promoted, or whose issuer lost the power to mint it, is revoked (audited as refused, never
 * as used) and cannot be used afterwards. Consumption is one conditional UPDATE (unused, unrevoked,
 * unexpired -> used), so of any number of concurrent requests exactly one wins; the session is created
 * only for the winner, through better-auth's internal adapter (which runs the admin plugin's ban check),
 * and set as better-auth's own session cookie, or, for the link exchange (the application's origin trades
 * the link through lib/auth-plugins/link-exchange.ts), handed back for the application to set.
 */
import { APIError, getSessionFromCtx } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { recordAudit } from "@/lib/audit/record";
import { credentialRefusal } from "@/lib/credential-policy";
import { prisma } from "@/lib/db";
import { acceptInvitationForUser } from "@/lib/invitations/accept";
import { hashToken, isWellFormedToken } from "@/lib/tokens";
import { linkStatus } from "./schema";

type EndpointCtx = Parameters<typeof setSessionCookie>[0];

interface ConsumedLink {
  id: string;
  purpose: string;
  userId: string | null;
  email: string;
  issuerId: string | null;
  redirectTo: string;
  invitationId: string | null;
  reason: string | null;
  issuerEmail: string | null;
}

export const IMPERSONATION_SECONDS = 60 * 60;

/** The link's holder acts as its person; for impersonation links the issuing admin is recorded too. */
const holder = (link: Pick<ConsumedLink, "userId" | "email" | "purpose" | "issuerId">) => ({
  userId: link.userId ?? "",
  email: link.email,
  impersonatedBy: link.purpose === "impersonation" ? link.issuerId : null,
});

export async function consumeSignInLink(ctx: EndpointCtx, token: string, meta: { ipAddress: string | null; userAgent: string | null }, { setCookie = true } = {}) {
  if (!isWellFormedToken(token)) throw APIError.from("BAD_REQUEST", { code: "LINK_UNKNOWN", message: "This link is not valid." });
  const tokenHash = hashToken(token);
  await refuseIfPolicySaysNo(tokenHash, meta);
  const link = await prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<ConsumedLink[]>`
      UPDATE "admit"."sign_in_link" SET "usedAt" = now(), "usedIp" = ${meta.ipAddress}, "usedUserAgent" = ${meta.userAgent?.slice(0, 512) ?? null}
      WHERE "tokenHash" = ${tokenHash} AND "usedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > now()
      RETURNING id, purpose, "userId", email, "issuerId", "redirectTo", "invitationId", reason, "issuerEmail"`;
    if (!row) return null;
    await recordAudit(tx, { actor: holder(row), ...meta }, {
      action: row.purpose === "impersonation" ? "signInLink.impersonation_started" : "signInLink.used",
      target: { type: "signInLink", id: row.id, label: row.email },
      // Impersonation names both people and the reason given when the link was issued.
      metadata: row.purpose === "impersonation" ? { purpose: row.purpose, reason: row.reason, impersonatorEmail: row.issuerEmail, targetEmail: row.email } : { purpose: row.purpose },
    });
    return row;
  });
  if (!link) {
    const existing = await prisma.signInLink.findUnique({ where: { tokenHash }, select: { usedAt: true, revokedAt: true, expiresAt: true } });
    const status = existing ? linkStatus(existing) : "unknown";
    throw APIError.from("BAD_REQUEST", { code: `LINK_${status.toUpperCase()}`, message: "This link cannot be used." });
  }

  try {
    let found = link.userId ? await ctx.context.internalAdapter.findUserById(link.userId) : (await ctx.context.internalAdapter.findUserByEmail(link.email))?.user;
    // An invitation link for someone without an account signs them up: the link was mailed to the address.
    if (!found && link.invitationId) found = await ctx.context.internalAdapter.createUser({ email: link.email, name: "", emailVerified: true }, { method: "admin" });
    if (!found) throw APIError.from("BAD_REQUEST", { code: "LINK_NO_ACCOUNT", message: "The account for this link no longer exists." });
    const impersonation = link.purpose === "impersonation";
    let adminSessionToken: string | null = null;
    if (impersonation && setCookie) {
      // Opened in the issuing admin's own browser: keep their session aside so "stop impersonating"
      // (better-auth's own endpoint) can bring it back, as the admin plugin's impersonateUser does.
      const current = await getSessionFromCtx(ctx).catch(() => null);
      if (current && current.user.id === link.issuerId) adminSessionToken = current.session.token;
    }
    const session = impersonation
      ? await ctx.context.internalAdapter.createSession(found.id, true, { impersonatedBy: link.issuerId, expiresAt: new Date(Date.now() + IMPERSONATION_SECONDS * 1000) }, true)
      : await ctx.context.internalAdapter.createSession(found.id);
    if (!session) throw new Error("no session");
    if (adminSessionToken) {
      const dontRemember = await ctx.getSignedCookie(ctx.context.authCookies.dontRememberToken.name, ctx.context.secret);
      const adminCookie = ctx.context.createAuthCookie("admin_session");
      await ctx.setSignedCookie(adminCookie.name, `${adminSessionToken}:${dontRemember || ""}`, ctx.context.secret, ctx.context.authCookies.sessionToken.attributes);
    }
    if (setCookie) await setSessionCookie(ctx, { session, user: found }, impersonation);
    await prisma.signInLink.update({ where: { id: link.id }, data: { sessionId: session.id, userId: found.id } });
    // Campaign invitation links accept the invitation in the same step.
    if (link.invitationId) await acceptInvitationForUser(link.invitationId, found, meta);
    return { redirectTo: link.redirectTo, invitationId: link.invitationId, userId: found.id, sessionToken: session.token };
  } catch (e) {
    // No session was made. A ban (set between the policy check and now) revokes the link for good; any
    // other failure (a deleted account, an outage) leaves it unspent.
    const banned = e instanceof APIError && e.body?.code === "BANNED_USER";
    await prisma.signInLink.updateMany({
      where: { id: link.id, sessionId: null },
      data: banned ? { usedAt: null, revokedAt: new Date() } : { usedAt: null, usedIp: null, usedUserAgent: null },
    });
    await recordAudit(prisma, { actor: holder(link), ...meta }, {
      action: "signInLink.use_failed",
      target: { type: "signInLink", id: link.id, label: link.email },
      metadata: { reason: e instanceof APIError ? String(e.body?.code ?? e.message) : "error" },
    });
    if (banned) throw APIError.from("FORBIDDEN", { code: "LINK_BANNED", message: "This account is suspended." });
    throw e;
  }
}

interface LinkForPolicy {
  id: string;
  purpose: string;
  userId: string | null;
  email: string;
  issuerId: string | null;
  targetId: string | null;
  targetRole: string | null;
  targetBanned: boolean | null;
  targetBanExpires: Date | null;
  issuerFound: boolean;
  issuerRole: string | null;
  issuerBanned: boolean | null;
  issuerBanExpires: Date | null;
}

/** Asks the credential policy about an unused link; revokes it (audited) and throws if the answer is no. */
async function refuseIfPolicySaysNo(tokenHash: string, meta: { ipAddress: string | null; userAgent: string | null }) {
  // The link and both people in one round trip (the hot path of every link exchange). An unusable link
  // finds nothing here: the conditional UPDATE then refuses it with the right code.
  const [link] = await prisma.$queryRaw<LinkForPolicy[]>`
    SELECT l.id, l.purpose, l."userId", l.email, l."issuerId",
           t.id AS "targetId", t.role AS "targetRole", t.banned AS "targetBanned", t."banExpires" AS "targetBanExpires",
           i.id IS NOT NULL AS "issuerFound", i.role AS "issuerRole", i.banned AS "issuerBanned", i."banExpires" AS "issuerBanExpires"
    FROM "admit"."sign_in_link" l
    LEFT JOIN "user" t ON t.id = COALESCE(l."userId", (SELECT u.id FROM "user" u WHERE u.email = l.email))
    LEFT JOIN "user" i ON i.id = l."issuerId"
    WHERE l."tokenHash" = ${tokenHash} AND l."usedAt" IS NULL AND l."revokedAt" IS NULL AND l."expiresAt" > now()`;
  if (!link) return;
  const target = link.targetId ? { id: link.targetId, role: link.targetRole, banned: link.targetBanned, banExpires: link.targetBanExpires } : null;
  const issuer = link.issuerFound ? { userId: link.issuerId!, role: link.issuerRole, banned: link.issuerBanned, banExpires: link.issuerBanExpires } : null;
  const impersonation = link.purpose === "impersonation";
  // What was checked when it was minted, asked again: emailed links (welcome, invitations) need no
  // sign-in-link power of the issuer, but every rule about the person still holds.
  const refusal = credentialRefusal(
    issuer ?? { userId: "", role: null },
    target ?? { id: null, role: null },
    impersonation ? "impersonation" : "emailed",
  );
  if (!refusal) return;
  await prisma.$transaction(async (tx) => {
    const revoked = await tx.signInLink.updateMany({ where: { id: link.id, usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count) {
      await recordAudit(tx, { actor: holder(link), ...meta }, {
        action: "signInLink.use_refused",
        target: { type: "signInLink", id: link.id, label: link.email },
        metadata: { purpose: link.purpose, reason: refusal },
      });
    }
  });
  if (refusal === "banned") throw APIError.from("FORBIDDEN", { code: "LINK_BANNED", message: "This account is suspended." });
  throw APIError.from("FORBIDDEN", { code: "LINK_REFUSED", message: "This link can no longer be used." });
}
