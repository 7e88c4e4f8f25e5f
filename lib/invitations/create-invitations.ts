/**
 * Create organization invitations on behalf of a named inviter, from any server code: no session, no cookie.
 *
 * A plain domain function (Admit's better-auth plugin exposes it as `auth.api.createInvitations` too). It
 * uses better-auth's id format and the organization limits Admit configures (lib/auth-settings.ts), and makes
 * the checks better-auth's own `createInvitation` makes for the inviter:
 *   - the inviter exists, is not banned, and may invite into this organization (an org role with
 *     `invitation:create`, or a platform role through the admin plugin's check);
 *   - the role exists; only an owner (or a platform admin) may invite an owner;
 *   - the team belongs to the organization;
 *   - the person is not already a member; the pending-invitation and membership limits hold.
 * Each invitee gets its own outcome: created, refreshed (a pending invitation existed: same id and link,
 * new expiry, mail sent again) or skipped with a reason. All writes, and their audit events, commit in one
 * transaction (the caller's, when it passes one: the campaign sender does); mail goes out afterwards through
 * the batch path (one Resend call per 100).
 *
 *   await createInvitations(await actingAs(ownerId), { organizationId, invitees: [{ email, role: "member" }] });
 */
import { invitationUrl } from "@/lib/app-links";
import { createElement } from "react";
import type { OrgRole } from "@/lib/access";
import { recordInvitationAudit, type ActorContext } from "@/lib/audit/record";
import { lockFor, prisma, type Tx } from "@/lib/db";
import { newAuthId } from "@/lib/tokens";
import { sendEmailBatch } from "@/lib/email/send";
import { InvitationEmail } from "@/lib/email/templates/invitation-email";
import { ORGANIZATION_LIMITS } from "@/lib/auth-settings";
import { env } from "@/lib/env";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/errors";
import { can, mayManageOwners } from "@/lib/permissions";
import { checkPerson, type PersonCheckFailure } from "@/lib/people";
import { createInvitationsInput, type CreateInvitationsInput } from "./schema";

export type InviteSkipReason = PersonCheckFailure | "already_member" | "invitation_limit" | "membership_limit";

export interface InviteOutcome {
  email: string;
  status: "created" | "refreshed" | "skipped";
  reason?: InviteSkipReason;
  role?: string;
  invitationId?: string;
  expiresAt?: Date;
  /** Whether the invitation email went out (only when `send` was requested). */
  sent?: boolean;
}

export interface CreateInvitationsResult {
  outcomes: InviteOutcome[];
  counts: { created: number; refreshed: number; skipped: number; sent: number; sendFailed: number };
}

type Wanted = Map<string, { index: number; role: OrgRole; teamId: string | null }>;

export async function createInvitations(ctx: ActorContext, raw: CreateInvitationsInput, opts: { tx?: Tx } = {}): Promise<CreateInvitationsResult> {
  const actor = ctx.actor;
  if (!actor) throw new UnauthorizedError();
  const input = createInvitationsInput.parse(raw);
  if (opts.tx && input.send) throw new Error("createInvitations: mail is sent after the commit; with a caller's transaction, send it yourself");
  const organization = await prisma.organization.findUnique({
    where: { id: input.organizationId },
    select: { id: true, name: true, teams: { select: { id: true } } },
  });
  if (!organization) throw new NotFoundError("The organization does not exist.");
  if (!can(actor, "invitation:create", { organizationId: organization.id })) {
    throw new ForbiddenError("The inviter may not invite people into this organization.");
  }

  // Validate every invitee before touching the database.
  const rules = { mayManageOwners: mayManageOwners(actor, organization.id), teamIds: new Set(organization.teams.map((t) => t.id)) };
  const { outcomes, wanted } = checkInvitees(input.invitees, rules);
  const expiresIn = input.expiresIn ?? env.invitationExpiresDays * 24 * 60 * 60;
  const expiresAt = new Date(Date.now() + expiresIn * 1000);
  if (wanted.size > 0) {
    const write = (tx: Tx) => writeInvitations(tx, ctx, organization.id, expiresAt, outcomes, wanted);
    if (opts.tx) await write(opts.tx);
    else await prisma.$transaction(write, { timeout: 60_000, maxWait: 30_000 });
  }

  const counts = {
    created: outcomes.filter((o) => o.status === "created").length,
    refreshed: outcomes.filter((o) => o.status === "refreshed").length,
    skipped: outcomes.filter((o) => o.status === "skipped").length,
    sent: 0,
    sendFailed: 0,
  };
  if (input.send) {
    const toSend = outcomes.filter((o) => o.status !== "skipped");
    const delivered = await sendInvitationEmails(
      ctx,
      organization,
      actor,
      toSend.map((o) => ({ id: o.invitationId!, email: o.email, role: o.role ?? "member", expiresAt: o.expiresAt! })),
    );
    for (const o of toSend) o.sent = delivered.has(o.invitationId!);
    counts.sent = toSend.filter((o) => o.sent).length;
    counts.sendFailed = toSend.length - counts.sent;
  }
  return { outcomes, counts };
}

/** The per-person checks, in request order: an outcome for each, and who is still wanted. */
function checkInvitees(invitees: CreateInvitationsInput["invitees"], rules: { mayManageOwners: boolean; teamIds: Set<string> }) {
  const outcomes: InviteOutcome[] = [];
  const wanted: Wanted = new Map();
  for (const invitee of invitees) {
    const checked = checkPerson(invitee, { ...rules, alreadyListed: (email) => wanted.has(email) });
    if (checked.failure) outcomes.push({ email: checked.email, status: "skipped", reason: checked.failure });
    else {
      wanted.set(checked.email, { index: outcomes.length, role: checked.role, teamId: checked.teamId });
      outcomes.push({ email: checked.email, status: "created", role: checked.role });
    }
  }
  return { outcomes, wanted };
}

/**
 * Inside the transaction, one writer per organization at a time (so concurrent requests cannot both create
 * a pending invitation for the same person or overshoot the limits): members skipped, pending invitations
 * refreshed (same id and link, new expiry), the rest created within the limits, every change audited.
 */
async function writeInvitations(tx: Tx, ctx: ActorContext, organizationId: string, expiresAt: Date, outcomes: InviteOutcome[], wanted: Wanted) {
  await lockFor(tx, `invitations:${organizationId}`);
  const members = await tx.$queryRaw<{ email: string }[]>`
    SELECT u.email FROM "member" m JOIN "user" u ON u.id = m."userId"
    WHERE m."organizationId" = ${organizationId} AND u.email = ANY(${[...wanted.keys()]}::text[])`;
  for (const m of members) markSkipped(outcomes, wanted, m.email.toLowerCase(), "already_member");

  const pending = await tx.$queryRaw<{ id: string; email: string; role: string | null }[]>`
    SELECT id, email, role FROM "invitation"
    WHERE "organizationId" = ${organizationId} AND status = 'pending' AND email = ANY(${[...wanted.keys()]}::text[])`;
  const refreshed: typeof pending = [];
  for (const p of pending) {
    const w = wanted.get(p.email);
    if (!w) continue; // skipped above, or a second pending row for the same person (the first is kept)
    Object.assign(outcomes[w.index], { status: "refreshed", invitationId: p.id, expiresAt, role: p.role ?? "member" });
    refreshed.push(p);
    wanted.delete(p.email);
  }

  const [{ pendingCount, memberCount }] = await tx.$queryRaw<{ pendingCount: number; memberCount: number }[]>`
    SELECT
      (SELECT count(*)::int FROM "invitation" WHERE "organizationId" = ${organizationId} AND status = 'pending' AND "expiresAt" > now()) AS "pendingCount",
      (SELECT count(*)::int FROM "member" WHERE "organizationId" = ${organizationId}) AS "memberCount"`;
  const fullUp = memberCount >= ORGANIZATION_LIMITS.members;
  const room = Math.max(0, ORGANIZATION_LIMITS.invitations - pendingCount);
  const rows: { id: string; email: string; role: string; teamId: string | null }[] = [];
  for (const [email, w] of [...wanted.entries()]) {
    if (fullUp) markSkipped(outcomes, wanted, email, "membership_limit");
    else if (rows.length >= room) markSkipped(outcomes, wanted, email, "invitation_limit");
    else {
      const id = newAuthId();
      rows.push({ id, email, role: w.role, teamId: w.teamId });
      Object.assign(outcomes[w.index], { invitationId: id, expiresAt });
    }
  }

  if (rows.length) await insertInvitations(tx, organizationId, ctx.actor!.userId, expiresAt, rows);
  if (refreshed.length) await tx.$executeRaw`UPDATE "invitation" SET "expiresAt" = ${expiresAt} WHERE id = ANY(${refreshed.map((p) => p.id)}::text[])`;
  await recordInvitationAudit(tx, ctx, organizationId, [
    ...rows.map((r) => ({ action: "invitation.created", id: r.id, label: r.email, metadata: { role: r.role, teamId: r.teamId, expiresAt: expiresAt.toISOString() } })),
    ...refreshed.map((p) => ({ action: "invitation.refreshed", id: p.id, label: p.email, metadata: { expiresAt: expiresAt.toISOString() } })),
  ]);
}

function markSkipped(outcomes: InviteOutcome[], wanted: Map<string, { index: number }>, email: string, reason: InviteSkipReason) {
  const w = wanted.get(email);
  if (!w) return;
  outcomes[w.index] = { email, status: "skipped", reason };
  wanted.delete(email);
}

/** One multi-row INSERT from arrays: fast for 10,000 rows, and still one statement in the transaction. */
async function insertInvitations(
  tx: Tx,
  organizationId: string,
  inviterId: string,
  expiresAt: Date,
  rows: { id: string; email: string; role: string; teamId: string | null }[],
) {
  await tx.$executeRaw`
    INSERT INTO "invitation" (id, "organizationId", email, role, "teamId", status, "expiresAt", "createdAt", "inviterId")
    SELECT r.id, ${organizationId}, r.email, r.role, r.team, 'pending', ${expiresAt}, now(), ${inviterId}
    FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.email)}::text[], ${rows.map((r) => r.role)}::text[], ${rows.map((r) => r.teamId)}::text[])
      AS r(id, email, role, team)`;
}

/**
 * Mail each invitation (Resend batch, permissive: one bad address fails only itself) and record
 * `invitation.sent` / `invitation.send_failed`. Returns the ids that went out.
 */
export async function sendInvitationEmails(
  ctx: ActorContext,
  organization: { id: string; name: string },
  inviter: { name: string; email: string },
  invitations: { id: string; email: string; role: string; expiresAt: Date }[],
): Promise<Set<string>> {
  const delivered = new Set<string>();
  if (!invitations.length) return delivered;
  let results: { id?: string; error?: string }[];
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
    if (r?.id && !r.error) delivered.add(inv.id);
    return r?.id && !r.error
      ? { action: "invitation.sent", id: inv.id, label: inv.email, metadata: { messageId: r.id } }
      : { action: "invitation.send_failed", id: inv.id, label: inv.email, metadata: { error: (r?.error ?? "unknown").slice(0, 200) } };
  });
  await prisma.$transaction((tx) => recordInvitationAudit(tx, ctx, organization.id, rows));
  return delivered;
}
