/**
 * Create organization invitations on behalf of a named inviter, from any server code: no session, no cookie.
 *
 * The rules and the writes are better-auth-admit's `createInvitations` (packages/better-auth-admit), the
 * same code an application runs with the `admit()` plugin: better-auth's checks for the inviter and each
 * person, one outcome per person (created, refreshed: same id and link, new expiry; or skipped with a
 * reason), the organization's limits, one multi-row INSERT under a lock per organization. Admit adds what
 * is its own: its permission module decides first (lib/permissions.ts, the same answer from the same
 * roles), each change is audited in the same transaction (the caller's, when it passes one: the campaign
 * sender does), and mail goes out after the commit through the batch path (one Resend call per 100).
 *
 *   await createInvitations(await actingAs(ownerId), { organizationId, invitees: [{ email, role: "member" }] });
 */
import { createElement } from "react";
import { createInvitations as createInvitationsWithBetterAuth, type InviteOutcome as PackageOutcome } from "better-auth-admit";
import { invitationUrl } from "@/lib/app-links";
import { recordInvitationAudit, type ActorContext } from "@/lib/audit/record";
import { authContext } from "@/lib/auth-context";
import { prisma, transactionAsBulk, type Tx } from "@/lib/db";
import { sendEmailBatch } from "@/lib/email/send";
import { InvitationEmail } from "@/lib/email/templates/invitation-email";
import { env } from "@/lib/env";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/errors";
import { seatLimitOf } from "@/lib/organizations/seats";
import { can } from "@/lib/permissions";
import type { PersonCheckFailure } from "@/lib/people";
import { saveInvitationExtras } from "./extras";
import { createInvitationsInput, type CreateInvitationsInput } from "./schema";

export type InviteSkipReason = PersonCheckFailure | "already_member" | "invitation_limit" | "membership_limit" | "seat_limit";

export interface InviteOutcome {
  email: string;
  status: "created" | "refreshed" | "skipped";
  reason?: InviteSkipReason;
  role?: string;
  invitationId?: string;
  expiresAt?: Date;
  /** Whether the invitation email went out (only when `send` was requested). */
  sent?: boolean;
  /** It was not: the address is on the suppression list (lib/email/suppression.ts). */
  suppressed?: boolean;
}

export interface CreateInvitationsResult {
  outcomes: InviteOutcome[];
  counts: { created: number; refreshed: number; skipped: number; sent: number; sendFailed: number };
}

export async function createInvitations(ctx: ActorContext, raw: CreateInvitationsInput, opts: { tx?: Tx } = {}): Promise<CreateInvitationsResult> {
  const actor = ctx.actor;
  if (!actor) throw new UnauthorizedError();
  const input = createInvitationsInput.parse(raw);
  if (opts.tx && input.send) throw new Error("createInvitations: mail is sent after the commit; with a caller's transaction, send it yourself");
  const organization = await prisma.organization.findUnique({ where: { id: input.organizationId }, select: { id: true, name: true } });
  if (!organization) throw new NotFoundError("The organization does not exist.");
  if (!can(actor, "invitation:create", { organizationId: organization.id })) {
    throw new ForbiddenError("The inviter may not invite people into this organization.");
  }

  // Admit's transaction (the caller's, or a new one) is the package's bulk path, so its audit rows commit with the invitations.
  const { bulk, tx } = transactionAsBulk(opts.tx);
  const result = await createInvitationsWithBetterAuth(
    { context: await authContext() },
    { inviterId: actor.userId, organizationId: organization.id, invitees: input.invitees.map(({ email, role, teamId }) => ({ email, role, teamId })), expiresIn: input.expiresIn ?? env.invitationExpiresDays * 24 * 60 * 60 },
    {
      bulk,
      lockKey: (organizationId) => `invitations:${organizationId}`,
      seats: (org) => seatLimitOf(org.id),
      beforeCommit: async ({ outcomes }) => {
        const extras = extrasOf(input.invitees, outcomes);
        await recordInvitationAudit(tx(), ctx, organization.id, auditRows(outcomes, new Map(extras.map((e) => [e.invitationId, e.extras]))));
        await saveInvitationExtras(tx(), organization.id, extras);
      },
    },
  );
  const outcomes = result.outcomes.map(({ teamId: _teamId, ...o }) => o as InviteOutcome);
  const counts = { ...result.counts, sent: 0, sendFailed: 0 };
  if (input.send) {
    const toSend = outcomes.filter((o) => o.status !== "skipped");
    const delivered = await sendInvitationEmails(
      ctx,
      organization,
      actor,
      toSend.map((o) => ({ id: o.invitationId!, email: o.email, role: o.role ?? "member", expiresAt: o.expiresAt! })),
    );
    for (const o of toSend) {
      o.sent = !!delivered.get(o.invitationId!)?.sent;
      if (delivered.get(o.invitationId!)?.suppressed) o.suppressed = true;
    }
    counts.sent = toSend.filter((o) => o.sent).length;
    counts.sendFailed = toSend.length - counts.sent;
  }
  return { outcomes, counts };
}

/** The redirect and metadata asked for each person invited (or renewed), by their invitation. */
function extrasOf(invitees: { email: string; redirectTo?: string; metadata?: Record<string, unknown> }[], outcomes: PackageOutcome[]) {
  const byEmail = new Map(invitees.map((i) => [i.email.trim().toLowerCase(), i]));
  return outcomes.flatMap((o) => {
    const asked = byEmail.get(o.email);
    return o.invitationId && asked ? [{ invitationId: o.invitationId, extras: { redirectTo: asked.redirectTo, metadata: asked.metadata } }] : [];
  });
}

/** One audit event per invitation created or refreshed (with its destination and metadata, when it has them). */
function auditRows(outcomes: PackageOutcome[], extras: Map<string, { redirectTo?: string; metadata?: Record<string, unknown> }>) {
  const extra = (id: string) => {
    const e = extras.get(id);
    return { ...(e?.redirectTo ? { redirectTo: e.redirectTo } : {}), ...(e?.metadata ? { membershipMetadata: e.metadata } : {}) };
  };
  return outcomes.flatMap((o) =>
    o.status === "created"
      ? [{ action: "invitation.created", id: o.invitationId!, label: o.email, metadata: { role: o.role, teamId: o.teamId ?? null, expiresAt: o.expiresAt!.toISOString(), ...extra(o.invitationId!) } }]
      : o.status === "refreshed"
        ? [{ action: "invitation.refreshed", id: o.invitationId!, label: o.email, metadata: { expiresAt: o.expiresAt!.toISOString(), ...extra(o.invitationId!) } }]
        : [],
  );
}

/**
 * Mail each invitation (Resend batch, permissive: one bad address fails only itself) and record
 * `invitation.sent` / `invitation.send_failed` (suppressed addresses are not mailed: lib/email/suppression.ts).
 * Returns, per invitation id, whether it went out (and whether the address was suppressed).
 */
export async function sendInvitationEmails(
  ctx: ActorContext,
  organization: { id: string; name: string },
  inviter: { name: string; email: string },
  invitations: { id: string; email: string; role: string; expiresAt: Date }[],
): Promise<Map<string, { sent: boolean; suppressed?: true }>> {
  const delivered = new Map<string, { sent: boolean; suppressed?: true }>();
  if (!invitations.length) return delivered;
  let results: { id?: string; error?: string; suppressed?: true }[];
  try {
    results = await sendEmailBatch(
      invitations.map((inv) => ({
        to: inv.email,
        subject: `${inviter.name || inviter.email} invited you to join ${organization.name}`,
        react: createElement(InvitationEmail, {
          url: invitationUrl(inv.id),
          organizationName: organization.name,
          inviterName: inviter.name,
          inviterEmail: inviter.email,
          role: inv.role,
          expiresAt: inv.expiresAt,
        }),
        tags: [{ name: "kind", value: "invitation" }],
      })),
      { permissive: true },
    );
  } catch (e) {
    const message = e instanceof Error ? e.message : "send failed";
    results = invitations.map(() => ({ error: message }));
  }
  const rows = invitations.map((inv, i) => {
    const r = results[i];
    delivered.set(inv.id, { sent: !!r?.id && !r.error, ...(r?.suppressed ? { suppressed: true as const } : {}) });
    return r?.id && !r.error
      ? { action: "invitation.sent", id: inv.id, label: inv.email, metadata: { messageId: r.id } }
      : { action: "invitation.send_failed", id: inv.id, label: inv.email, metadata: { error: (r?.error ?? "unknown").slice(0, 200), suppressed: !!r?.suppressed } };
  });
  await prisma.$transaction((tx) => recordInvitationAudit(tx, ctx, organization.id, rows));
  return delivered;
}
