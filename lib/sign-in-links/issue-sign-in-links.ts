/**
 * Mint one-time sign-in links on the server: welcome, recovery and support links for people themselves,
 * and audited impersonation links for platform admins. Nothing is sent unless asked: the caller gets
 * `{ email, url, expiresAt }` for each (better-auth issue #4216: batch links without sending).
 *
 *   await issueSignInLinks(await actingAs(supportId), { purpose: "sign-in", recipients: [{ email }], expiresIn: 86400 })
 *
 * The minting is better-auth-admit's `issueSignInLinks` (packages/better-auth-admit/src/links/issue.ts), the
 * code an application's `auth.api.issueSignInLinks` runs; Admit gives it its rules and its table:
 *   - `signInLink:create` to issue sign-in links; `signInLink:impersonate` (the admin plugin's
 *     user:impersonate) plus a reason for impersonation links (lib/permissions.ts, decided first);
 *   - who may get a link from whom: lib/credential-policy.ts (banned people, admins and support staff,
 *     self-impersonation), asked for every recipient;
 *   - new accounts only with `createUsers` and the admin plugin's user:create;
 *   - the redirect is one of the allowlisted paths; the lifetime stays within the purpose's bounds.
 * The token is 32 random bytes; only its SHA-256 is stored. Rows, new accounts and audit events commit in
 * one transaction (`admitLinks` below).
 */
import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { issueSignInLinks as issueWithBetterAuth, type LinkIssueStore, type NewLink } from "better-auth-admit";
import { DEFAULT_LANDING, signInLinkUrl } from "@/lib/app-links";
import { platformRoleAllows } from "@/lib/access";
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { authContext } from "@/lib/auth-context";
import { prisma, type Tx } from "@/lib/db";
import { sendEmailBatch } from "@/lib/email/send";
import { SignInLinkEmail } from "@/lib/email/templates/sign-in-link-email";
import { CREDENTIAL_REFUSAL_TEXT, credentialRefusal, type CredentialKind, type CredentialRefusal } from "@/lib/credential-policy";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { can } from "@/lib/permissions";
import { passwordlessUser } from "@/lib/users/passwordless-user";
import { isAllowedRedirect, issueLinksInput, LINK_EXPIRY, type IssueLinksInput } from "./schema";

export type LinkSkipReason = "invalid_email" | "duplicate_in_request" | "no_account" | CredentialRefusal;


export interface IssuedLink {
  email: string;
  status: "issued" | "skipped";
  reason?: LinkSkipReason;
  linkId?: string;
  /** The one and only time the raw link exists: hand it over or send it, it cannot be shown again. */
  url?: string;
  expiresAt?: Date;
  createdUser?: boolean;
  sent?: boolean;
}

type AuditOf = (links: (NewLink & { id: string })[], createdUsers: { id: string; email: string }[]) => Parameters<typeof recordAudit>[2];

/**
 * The package's minting with Admit's rules and table: the credential policy for each person, Admit's
 * `admit.sign_in_link` rows (multi-row inserts, with the issuer's address and the reason), accounts as
 * `passwordlessUser`, and the audit events in the same transaction.
 */
async function admitLinks(ctx: ActorContext & { actor: Actor }, kind: CredentialKind, input: { purpose: string; recipients: { email: string; name?: string }[]; expiresIn: number; redirectTo: string; reason?: string; createUsers: boolean }, auditOf: AuditOf) {
  const { actor } = ctx;
  let tx: Tx | undefined;
  const store: LinkIssueStore = {
    transaction: (write) =>
      prisma.$transaction(
        async (t) => {
          tx = t;
          return write({
            createUsers: async (people) => {
              const users = people.map((p) => passwordlessUser(p.email, p.name));
              await t.user.createMany({ data: users });
              return users;
            },
            insertLinks: async (links) => {
              const rows = links.map((l) => ({ id: randomUUID(), tokenHash: l.tokenHash, purpose: l.purpose, userId: l.userId, email: l.email, issuerId: actor.userId, issuerEmail: actor.email, reason: input.reason ?? null, redirectTo: l.redirectTo ?? DEFAULT_LANDING, expiresAt: l.expiresAt }));
              await t.signInLink.createMany({ data: rows });
              return rows.map((r) => r.id);
            },
          });
        },
        { timeout: 60_000 },
      ),
  };
  return issueWithBetterAuth<CredentialRefusal>(
    { context: await authContext() },
    { issuedById: actor.userId, purpose: input.purpose, recipients: input.recipients, expiresIn: input.expiresIn, redirectTo: input.redirectTo, createUsers: input.createUsers },
    {
      // Whether the actor may issue at all was decided by the permission module before this call.
      policy: { mayIssueAny: () => true, refusal: (_issuer, target) => credentialRefusal(actor, target ? { ...target, role: target.role ?? null } : { id: null, role: null }, kind) },
      store,
      url: signInLinkUrl,
      destination: (raw) => (isAllowedRedirect(raw) ? raw : null),
      beforeCommit: ({ links, createdUsers }) => recordAudit(tx!, ctx, auditOf(links, createdUsers)),
    },
  );
}

export async function issueSignInLinks(ctx: ActorContext, raw: IssueLinksInput): Promise<IssuedLink[]> {
  const actor = ctx.actor;
  if (!actor) throw new UnauthorizedError();
  const input = issueLinksInput.parse(raw);
  const impersonation = input.purpose === "impersonation";
  if (!can(actor, impersonation ? "signInLink:impersonate" : "signInLink:create")) {
    throw new ForbiddenError(impersonation ? "Only platform administrators can impersonate." : "You may not issue sign-in links.");
  }
  // Impersonation links carry no extra power, but a link made while impersonating would launder it.
  if (actor.impersonatedBy) throw new ForbiddenError("Stop impersonating before issuing sign-in links.");
  const createUsers = input.createUsers && !impersonation && platformRoleAllows(actor.role, { user: ["create"] });
  const expiresIn = input.expiresIn ?? LINK_EXPIRY[input.purpose].default;
  const outcomes = await admitLinks({ ...ctx, actor }, impersonation ? "impersonation" : "sign-in", { ...input, expiresIn, createUsers }, (links, createdUsers) => [
    ...createdUsers.map((u) => ({ action: "user.created", target: { type: "user", id: u.id, label: u.email }, metadata: { via: "sign-in link" } })),
    ...links.map((l) => ({
      action: impersonation ? "signInLink.impersonation_issued" : "signInLink.issued",
      target: { type: "signInLink", id: l.id, label: l.email },
      metadata: { purpose: input.purpose, expiresAt: l.expiresAt.toISOString(), redirectTo: input.redirectTo, ...(input.reason ? { reason: input.reason } : {}) },
    })),
  ]);
  const results: IssuedLink[] = outcomes.map(({ userId: _userId, ...o }) => o);
  if (input.send && !impersonation) await mailLinks(results, actor.email);
  return results;
}

/** Email each issued link (Resend batch path); marks `sent` on each result. */
async function mailLinks(results: IssuedLink[], issuerEmail: string, welcome = false) {
  const issued = results.filter((r) => r.status === "issued");
  const sent = await sendEmailBatch(
    issued.map((r) => ({
      to: r.email,
      subject: welcome || r.createdUser ? "Welcome: your sign-in link" : "Your sign-in link",
      react: createElement(SignInLinkEmail, { url: r.url!, email: r.email, expiresAt: r.expiresAt!, welcome: welcome || !!r.createdUser, issuerEmail }),
      tags: [{ name: "kind", value: "sign-in-link" }],
    })),
    { permissive: true },
  ).catch(() => issued.map(() => ({ error: "send failed" as string | undefined, id: undefined as string | undefined })));
  issued.forEach((r, i) => (r.sent = !!sent[i]?.id && !sent[i]?.error));
}

/**
 * Welcome links for people just added to an organization (lib/memberships/add-members.ts). Only for
 * accounts that were created with no password in that same request, only emailed (the adder never sees
 * them), so adding members needs no sign-in-link permission of its own.
 */
export async function sendWelcomeLinks(ctx: ActorContext, people: { userId: string; email: string }[]) {
  if (!ctx.actor || !people.length) return [];
  const ids = people.map((p) => p.userId);
  const [withCredentials, targets] = await Promise.all([
    prisma.account.count({ where: { userId: { in: ids } } }),
    prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, role: true, banned: true, banExpires: true } }),
  ]);
  if (withCredentials) throw new ForbiddenError("Welcome links are only for new accounts without a password.");
  const refused = targets.map((t) => credentialRefusal(ctx.actor!, t, "emailed")).find(Boolean);
  if (refused || targets.length !== people.length) throw new ForbiddenError(refused ? CREDENTIAL_REFUSAL_TEXT[refused] : "Welcome links are only for new accounts.");
  const outcomes = await admitLinks(
    { ...ctx, actor: ctx.actor },
    "emailed",
    { purpose: "sign-in", recipients: people.map((p) => ({ email: p.email })), expiresIn: LINK_EXPIRY["sign-in"].max, redirectTo: DEFAULT_LANDING, createUsers: false },
    (links) => links.map((l) => ({ action: "signInLink.issued", target: { type: "signInLink", id: l.id, label: l.email }, metadata: { purpose: "welcome", expiresAt: l.expiresAt.toISOString() } })),
  );
  const results: IssuedLink[] = outcomes.map(({ userId: _userId, ...o }) => o);
  await mailLinks(results, ctx.actor.email, true);
  return results.map(({ url: _url, ...rest }) => rest);
}
