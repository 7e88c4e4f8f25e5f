/**
 * Mint one-time sign-in links on the server: welcome, recovery and support links for people themselves,
 * and audited impersonation links for platform admins. Nothing is sent unless asked: the caller gets
 * `{ email, url, expiresAt }` for each (better-auth issue #4216: batch links without sending).
 *
 *   await issueSignInLinks(await actingAs(supportId), { purpose: "sign-in", recipients: [{ email }], expiresIn: 86400 })
 *
 * Rules, checked for the named issuer from the database:
 *   - `signInLink:create` to issue sign-in links; `signInLink:impersonate` (the admin plugin's
 *     user:impersonate) plus a reason for impersonation links;
 *   - who may get a link from whom: lib/credential-policy.ts (banned people, admins and support staff,
 *     self-impersonation), asked for every recipient;
 *   - new accounts only with `createUsers` and the admin plugin's user:create;
 *   - the redirect is one of the allowlisted paths; the lifetime stays within the purpose's bounds.
 * The token is 32 random bytes; only its SHA-256 is stored. Rows, new accounts and audit events commit in
 * one transaction.
 */
import { DEFAULT_LANDING, signInLinkUrl } from "@/lib/app-links";
import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { platformRoleAllows } from "@/lib/access";
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { prisma, type Prisma } from "@/lib/db";
import { sendEmailBatch } from "@/lib/email/send";
import { SignInLinkEmail } from "@/lib/email/templates/sign-in-link-email";
import { CREDENTIAL_REFUSAL_TEXT, credentialRefusal, type CredentialRefusal } from "@/lib/credential-policy";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { emailSchema } from "@/lib/people";
import { can } from "@/lib/permissions";
import { hashToken, newToken } from "@/lib/tokens";
import { passwordlessUser } from "@/lib/users/passwordless-user";
import { issueLinksInput, LINK_EXPIRY, type IssueLinksInput } from "./schema";

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

/** A new link: the row to store (the token's hash only) and the one-time URL to hand over. */
function mintLink(fields: Omit<Prisma.SignInLinkCreateManyInput, "id" | "tokenHash">) {
  const token = newToken();
  return { row: { id: randomUUID(), tokenHash: hashToken(token), ...fields }, url: signInLinkUrl(token) };
}

export async function issueSignInLinks(ctx: ActorContext, raw: IssueLinksInput): Promise<IssuedLink[]> {
  const actor = ctx.actor;
  if (!actor) throw new UnauthorizedError();
  const input = issueLinksInput.parse(raw);
  const issuer = { id: actor.userId, email: actor.email, role: actor.role };
  const impersonation = input.purpose === "impersonation";
  if (!can(actor, impersonation ? "signInLink:impersonate" : "signInLink:create")) {
    throw new ForbiddenError(impersonation ? "Only platform administrators can impersonate." : "You may not issue sign-in links.");
  }
  // Impersonation links carry no extra power, but a link made while impersonating would launder it.
  if (actor.impersonatedBy) throw new ForbiddenError("Stop impersonating before issuing sign-in links.");
  const mayCreateUsers = input.createUsers && !impersonation && platformRoleAllows(issuer.role, { user: ["create"] });
  const kind = impersonation ? "impersonation" : "sign-in";

  const emails = input.recipients.map((r) => emailSchema.safeParse(r.email));
  const valid = [...new Set(emails.flatMap((e) => (e.success ? [e.data] : [])))];
  const users = await prisma.user.findMany({ where: { email: { in: valid } }, select: { id: true, email: true, role: true, banned: true, banExpires: true } });
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));

  const expiresIn = input.expiresIn ?? LINK_EXPIRY[input.purpose].default;
  const expiresAt = new Date(Date.now() + expiresIn * 1000);
  const seen = new Set<string>();
  const results: IssuedLink[] = [];
  const rows: Prisma.SignInLinkCreateManyInput[] = [];
  const newUsers: ReturnType<typeof passwordlessUser>[] = [];

  input.recipients.forEach((recipient, i) => {
    const parsed = emails[i];
    const email = parsed.success ? parsed.data : recipient.email.trim().toLowerCase();
    const skip = (reason: LinkSkipReason) => results.push({ email, status: "skipped", reason });
    if (!parsed.success) return skip("invalid_email");
    if (seen.has(email)) return skip("duplicate_in_request");
    seen.add(email);
    const user = byEmail.get(email);
    if (!user && !mayCreateUsers) return skip("no_account");
    const refusal = credentialRefusal(actor, user ?? { id: null, role: null }, kind);
    if (refusal) return skip(refusal);
    const newUser = user ? null : passwordlessUser(email, recipient.name?.trim());
    if (newUser) newUsers.push(newUser);
    const { row, url } = mintLink({
      purpose: input.purpose,
      userId: user?.id ?? newUser!.id,
      email,
      issuerId: issuer.id,
      issuerEmail: issuer.email,
      reason: input.reason ?? null,
      redirectTo: input.redirectTo,
      expiresAt,
    });
    rows.push(row);
    results.push({ email, status: "issued", linkId: row.id, url, expiresAt, createdUser: !!newUser });
  });

  if (rows.length) {
    await prisma.$transaction(
      async (tx) => {
        if (newUsers.length) await tx.user.createMany({ data: newUsers });
        await tx.signInLink.createMany({ data: rows });
        await recordAudit(tx, ctx, [
          ...newUsers.map((u) => ({ action: "user.created", target: { type: "user", id: u.id, label: u.email }, metadata: { via: "sign-in link" } })),
          ...rows.map((r) => ({
            action: impersonation ? "signInLink.impersonation_issued" : "signInLink.issued",
            target: { type: "signInLink", id: r.id!, label: r.email },
            metadata: { purpose: input.purpose, expiresAt: expiresAt.toISOString(), redirectTo: input.redirectTo, ...(input.reason ? { reason: input.reason } : {}) },
          })),
        ]);
      },
      { timeout: 60_000 },
    );
  }

  if (input.send && !impersonation) await mailLinks(results, issuer.email);
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
  const expiresAt = new Date(Date.now() + LINK_EXPIRY["sign-in"].max * 1000);
  const results: IssuedLink[] = [];
  const rows = people.map((p) => {
    const { row, url } = mintLink({ purpose: "sign-in", userId: p.userId, email: p.email, issuerId: ctx.actor!.userId, issuerEmail: ctx.actor!.email, redirectTo: DEFAULT_LANDING, expiresAt });
    results.push({ email: p.email, status: "issued", linkId: row.id, url, expiresAt });
    return row;
  });
  await prisma.$transaction(async (tx) => {
    await tx.signInLink.createMany({ data: rows });
    await recordAudit(tx, ctx, rows.map((r) => ({ action: "signInLink.issued", target: { type: "signInLink", id: r.id, label: r.email }, metadata: { purpose: "welcome", expiresAt: expiresAt.toISOString() } })));
  });
  await mailLinks(results, ctx.actor.email, true);
  return results.map(({ url: _url, ...rest }) => rest);
}
