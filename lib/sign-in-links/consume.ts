/**
 * Using a sign-in link: the better-auth endpoint behind the confirm page's POST and the link exchange.
 * The steps are better-auth-admit's `redeemSignInLink` (packages/better-auth-admit/src/links/redeem.ts), the code an
 * application's own links run: the credential policy asked again with both people as they are now (a link
 * whose person was banned or promoted, or whose issuer lost the power to mint it, is revoked, audited as
 * refused, never as used), one conditional UPDATE (exactly one winner), the session through better-auth's
 * internal adapter (the admin plugin's ban check), its cookie (or, for the link exchange, handed back for
 * the application to set). Admit's table, audit and invitation acceptance are this file's store and hooks.
 */
import { redeemSignInLink, type AdmitUser, type LinkUseStore } from "better-auth-admit";
import type { setSessionCookie } from "better-auth/cookies";
import { recordAudit } from "@/lib/audit/record";
import { credentialRefusal } from "@/lib/credential-policy";
import { prisma, Prisma, queryRows, sqlTransaction } from "@/lib/db";
import { acceptInvitationForUser } from "@/lib/invitations/accept";
import { linkStatus } from "./schema";

type EndpointCtx = Parameters<typeof setSessionCookie>[0];
type Meta = { ipAddress: string | null; userAgent: string | null };

interface AdmitLink {
  id: string;
  purpose: string;
  userId: string | null;
  email: string;
  issuedById: string | null;
  issuerEmail: string | null;
  reason: string | null;
  redirectTo: string;
  invitationId: string | null;
}

export const IMPERSONATION_SECONDS = 60 * 60;

/** The link's holder acts as its person; for impersonation links the issuing admin is recorded too. */
const holder = (link: AdmitLink) => ({ userId: link.userId ?? "", email: link.email, impersonatedBy: link.purpose === "impersonation" ? link.issuedById : null });
const personOf = (row: Record<string, unknown>, prefix: "t" | "i"): AdmitUser | null =>
  row[`${prefix}_id`] ? { id: String(row[`${prefix}_id`]), email: String(row[`${prefix}_email`]), name: "", role: row[`${prefix}_role`] as string | null, banned: row[`${prefix}_banned`] as boolean | null, banExpires: row[`${prefix}_banExpires`] as Date | null } : null;

/** Admit's `admit.sign_in_link` rows for the package's steps, each change audited in its transaction. */
function admitLinkStore(meta: Meta): LinkUseStore<AdmitLink> {
  const actor = (link: AdmitLink) => ({ actor: holder(link), ...meta });
  return {
    async usable(tokenHash) {
      // The link and both people in one round trip (the hot path of every link exchange).
      const [row] = await queryRows<(AdmitLink & Record<string, unknown>)[]>(Prisma.sql`
        SELECT l.id, l.purpose, l."userId", l.email, l."issuerId" AS "issuedById", l."issuerEmail", l.reason, l."redirectTo", l."invitationId",
               t.id AS t_id, t.email AS t_email, t.role AS t_role, t.banned AS t_banned, t."banExpires" AS "t_banExpires",
               i.id AS i_id, i.email AS i_email, i.role AS i_role, i.banned AS i_banned, i."banExpires" AS "i_banExpires"
        FROM "admit"."sign_in_link" l
        LEFT JOIN "user" t ON t.id = COALESCE(l."userId", (SELECT u.id FROM "user" u WHERE u.email = l.email))
        LEFT JOIN "user" i ON i.id = l."issuerId"
        WHERE l."tokenHash" = ${tokenHash} AND l."usedAt" IS NULL AND l."revokedAt" IS NULL AND l."expiresAt" > now()`, { prepared: true });
      return row ? { link: row, target: personOf(row, "t"), issuer: personOf(row, "i") } : null;
    },
    async state(tokenHash) {
      const link = await prisma.signInLink.findUnique({ where: { tokenHash }, select: { usedAt: true, revokedAt: true, expiresAt: true } });
      const status = link ? linkStatus(link) : "unknown";
      return status === "unused" ? "used" : status;
    },
    async refuse(link, reason) {
      await prisma.$transaction(async (tx) => {
        const revoked = await tx.signInLink.updateMany({ where: { id: link.id, usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
        if (revoked.count) await recordAudit(tx, actor(link), { action: "signInLink.use_refused", target: { type: "signInLink", id: link.id, label: link.email }, metadata: { purpose: link.purpose, reason } });
      });
    },
    // The guarded use and its audit row: one short transaction on pg (the hot path of every link exchange).
    use: (link) =>
      sqlTransaction(async (tx) => {
        const won = await tx.$executeRaw`
          UPDATE "admit"."sign_in_link" SET "usedAt" = now(), "usedIp" = ${meta.ipAddress}, "usedUserAgent" = ${meta.userAgent?.slice(0, 512) ?? null}
          WHERE id = ${link.id} AND "usedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > now()`;
        if (!won) return false;
        const impersonation = link.purpose === "impersonation";
        await recordAudit(tx, actor(link), {
          action: impersonation ? "signInLink.impersonation_started" : "signInLink.used",
          target: { type: "signInLink", id: link.id, label: link.email },
          // Impersonation names both people and the reason given when the link was issued.
          metadata: impersonation ? { purpose: link.purpose, reason: link.reason, impersonatorEmail: link.issuerEmail, targetEmail: link.email } : { purpose: link.purpose },
        });
        return true;
      }),
    async settle(link, result) {
      if ("session" in result) {
        await queryRows(Prisma.sql`UPDATE "admit"."sign_in_link" SET "sessionId" = ${result.session.id}, "userId" = ${result.user.id} WHERE id = ${link.id}`, { prepared: true });
        return;
      }
      // No session was made. A ban (set between the policy check and now) revokes the link for good; any
      // other failure (a deleted account, an outage) leaves it unspent.
      await prisma.signInLink.updateMany({
        where: { id: link.id, sessionId: null },
        data: result.revoke ? { usedAt: null, revokedAt: new Date() } : { usedAt: null, usedIp: null, usedUserAgent: null },
      });
      await recordAudit(prisma, actor(link), { action: "signInLink.use_failed", target: { type: "signInLink", id: link.id, label: link.email }, metadata: { reason: result.error } });
    },
  };
}

export async function consumeSignInLink(ctx: EndpointCtx, token: string, meta: Meta, { setCookie = true } = {}) {
  let invitationRedirect: string | null = null;
  const { link, user, session } = await redeemSignInLink(ctx, token, {
    store: admitLinkStore(meta),
    // What was checked when it was minted, asked again: emailed links (welcome, invitations) need no
    // sign-in-link power of the issuer, but every rule about the person still holds.
    refusal: (link, issuer, target) =>
      credentialRefusal(
        issuer ? { ...issuer, userId: issuer.id, role: issuer.role ?? null } : { userId: "", role: null },
        target ? { ...target, role: target.role ?? null } : { id: null, role: null },
        link.purpose === "impersonation" ? "impersonation" : "emailed",
      ),
    // The person was read with the link (its user, or the account with its address), as they are now.
    person: async (link, target) => {
      // An invitation link for someone without an account signs them up: the link was mailed to the address.
      if (!target && link.invitationId) return ctx.context.internalAdapter.createUser({ email: link.email, name: "", emailVerified: true }, { method: "admin" });
      return target;
    },
    impersonation: (link) => (link.purpose === "impersonation" && link.issuedById ? { impersonatedBy: link.issuedById, expiresAt: new Date(Date.now() + IMPERSONATION_SECONDS * 1000) } : null),
    setCookie,
    // Campaign invitation links accept the invitation in the same step.
    after: async (link, person) => {
      if (link.invitationId) invitationRedirect = (await acceptInvitationForUser(link.invitationId, person, meta)).redirectTo;
    },
  });
  // An invitation's own destination (set when it was made) wins over the link's default.
  return { redirectTo: invitationRedirect ?? link.redirectTo, invitationId: link.invitationId, userId: user.id, sessionToken: session.token };
}
