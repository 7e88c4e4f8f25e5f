/**
 * The campaign sender (pg-boss job handler). Recipients are sent in fixed chunks of 100 (chunk k = rows
 * [100k, 100k+100)), one `resend.batch.send` per chunk, in row order, until the campaign is done, paused or
 * canceled, or this job's time budget runs out (then the rest is enqueued again).
 *
 * Exactly once, even across crashes: a chunk is worked inside one transaction holding an advisory lock on
 * (campaign, chunk), so no two workers ever send it at the same time. Its invitations and links are created
 * once and remembered on the recipients; the email bodies are rebuilt byte for byte from stored data (link
 * tokens are derived from the server secret, see lib/tokens.ts) and sent under an idempotency key derived
 * from the campaign, chunk and attempt. If a worker dies after Resend accepted a chunk but before the chunk
 * was marked sent, the retry sends the same body with the same key, and Resend answers without sending again.
 *
 * 429 waits for its retry-after; 5xx and network errors retry with backoff; validation errors
 * (permissive batches) fail only their own recipient. Requests per second are capped (CAMPAIGN_RPS, default 2,
 * Resend's default limit; 0 means no cap).
 */
import { createHash, randomUUID } from "node:crypto";
import { emitWebhookEvents } from "@/lib/webhooks/emit";
import { prisma, tryLockFor, type Tx } from "@/lib/db";
import { EmailSendError, sendEmailBatch, type OutgoingEmail } from "@/lib/email/send";
import { SUPPRESSED_TEXT, suppressedAmong } from "@/lib/email/suppression";
import { env } from "@/lib/env";
import { actingAs } from "@/lib/actor";
import { credentialRefusal } from "@/lib/credential-policy";
import { PERSON_SKIP_TEXT, type PersonSkipReason } from "@/lib/people";
import { invitationUrl, signInLinkUrl } from "@/lib/app-links";
import { createInvitations } from "@/lib/invitations/create-invitations";
import { derivedToken, hashToken } from "@/lib/tokens";
import { personalise, renderTemplateOnce, type RenderedTemplate } from "./campaign-email";
import { rememberPrepared } from "./prepared-links";
import { CHUNK_SIZE } from "./schema";

export interface SendOutcome {
  state: "completed" | "paused" | "canceled" | "more";
  chunks: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let lastRequestAt = 0;

async function throttle() {
  const rps = env.campaignRps;
  if (!rps) return;
  const gap = 1000 / rps;
  const wait = lastRequestAt + gap - Date.now();
  if (wait > 0) await sleep(wait);
  lastRequestAt = Date.now();
}

type Campaign = NonNullable<Awaited<ReturnType<typeof loadCampaign>>>;

function loadCampaign(id: string) {
  return prisma.campaign.findUnique({ where: { id } }).then(async (c) => {
    if (!c) return null;
    const org = await prisma.organization.findUnique({ where: { id: c.organizationId }, select: { name: true } });
    const creator = await prisma.user.findUnique({ where: { id: c.createdById }, select: { name: true, email: true, role: true, banned: true, banExpires: true } });
    return {
      ...c,
      organizationName: org?.name ?? "",
      creatorName: creator?.name || creator?.email || c.createdByEmail,
      // Who mints the links, for the credential policy (a deleted creator mints nothing for anyone privileged).
      issuer: { userId: c.createdById, role: creator?.role ?? null, banned: creator?.banned, banExpires: creator?.banExpires },
    };
  });
}

/** Sending is over: completed, with `campaign.completed` announced in the same transaction (only once). */
async function markCompleted(campaign: Campaign) {
  await prisma.$transaction(async (tx) => {
    const done = await tx.campaign.updateMany({ where: { id: campaign.id, status: { in: ["sending", "queued"] } }, data: { status: "completed", finishedAt: new Date() } });
    if (!done.count) return;
    const counts = await tx.campaignRecipient.groupBy({ by: ["status"], where: { campaignId: campaign.id }, _count: { _all: true }, orderBy: { status: "asc" } });
    await emitWebhookEvents(tx, [
      {
        type: "campaign.completed",
        organizationId: campaign.organizationId,
        data: { target: { type: "campaign", id: campaign.id, label: campaign.name }, actor: null, details: { recipients: Object.fromEntries(counts.map((c) => [c.status, (c._count as { _all: number })._all])) } },
      },
    ]);
  });
}

/** Work on a campaign for up to `budgetMs`. */
export async function sendCampaign(campaignId: string, budgetMs: number): Promise<SendOutcome> {
  const started = Date.now();
  let chunks = 0;
  const campaign = await loadCampaign(campaignId);
  if (!campaign) return { state: "canceled", chunks };
  if (campaign.status === "queued") {
    await prisma.campaign.updateMany({ where: { id: campaignId, status: "queued" }, data: { status: "sending", startedAt: new Date() } });
  }
  const template = await renderTemplateOnce(campaign);
  while (Date.now() - started < budgetMs) {
    // Only the status can change under us (pause, cancel); the rest was read once above.
    const status = (await prisma.campaign.findUnique({ where: { id: campaignId }, select: { status: true } }))?.status ?? "canceled";
    if (status === "paused" || status === "canceled") return { state: status, chunks };
    const next = await prisma.campaignRecipient.findFirst({ where: { campaignId, status: "pending" }, orderBy: { row: "asc" }, select: { row: true, linkId: true, invitationId: true } });
    if (!next) {
      await markCompleted(campaign);
      return { state: "completed", chunks };
    }
    // Invitations and links are made ahead, PREPARE_BATCH at a time: their checks and inserts cost
    // about the same for 1,000 rows as for 100. (Idempotent: only rows without a link are prepared.)
    if (!next.linkId && !next.invitationId) await prepareAhead(campaign, next.row);
    if (await sendChunk(campaign, Math.floor(next.row / CHUNK_SIZE), template)) chunks++;
    else await sleep(500); // another worker holds this chunk: let it finish instead of spinning
  }
  return { state: "more", chunks };
}

const PREPARE_BATCH = 1000;

async function prepareAhead(campaign: Campaign, fromRow: number) {
  await prisma.$transaction(
    async (tx) => {
      if (!(await tryLockFor(tx, `campaign-prepare:${campaign.id}`))) return;
      const rows = await tx.campaignRecipient.findMany({
        where: { campaignId: campaign.id, status: "pending", linkId: null, invitationId: null, row: { gte: fromRow } },
        orderBy: { row: "asc" },
        take: PREPARE_BATCH,
      });
      if (rows.length) await prepareLinks(tx, campaign, rows);
    },
    { timeout: 5 * 60_000, maxWait: 60_000 },
  );
}

/** Send one chunk; false when another worker holds it. */
async function sendChunk(campaign: Campaign, chunk: number, template: RenderedTemplate): Promise<boolean> {
  return prisma.$transaction(
    async (tx) => {
      if (!(await tryLockFor(tx, `campaign:${campaign.id}:${chunk}`))) return false;
      const recipients = await tx.campaignRecipient.findMany({
        where: { campaignId: campaign.id, status: "pending", row: { gte: chunk * CHUNK_SIZE, lt: (chunk + 1) * CHUNK_SIZE } },
        orderBy: { row: "asc" },
      });
      if (!recipients.length) return true;
      const prepared = await prepareLinks(tx, campaign, recipients);
      const ready = recipients.filter((r) => prepared.has(r.id));
      const emails: OutgoingEmail[] = ready.map((r) => personalise(template, campaign, r, prepared.get(r.id)!));
      // Same recipients, same attempt -> same key: a resumed chunk can never be sent twice.
      const key = createHash("sha256")
        .update(`${campaign.id}:${chunk}:${ready.map((r) => `${r.id}/${r.attempts}`).join(",")}`)
        .digest("hex");
      const results = emails.length ? await sendWithRetries(emails, `campaign-${key}`) : [];
      // One statement for the whole chunk: each row's outcome from arrays.
      const outcome = ready.map((r, i) => {
        const res = results[i];
        if (res?.id && !res.error) return { id: r.id, status: "sent", messageId: res.id, error: null };
        return { id: r.id, status: res?.suppressed ? "skipped" : "failed", messageId: null, error: res?.error?.slice(0, 300) ?? "not sent" };
      });
      if (outcome.length) {
        await tx.$executeRaw`
          UPDATE "admit"."campaign_recipient" r SET status = o.status, "messageId" = o.message_id, error = o.error, attempts = r.attempts + 1,
            "sentAt" = CASE WHEN o.status = 'sent' THEN now() ELSE r."sentAt" END, "updatedAt" = now()
          FROM unnest(${outcome.map((o) => o.id)}::text[], ${outcome.map((o) => o.status)}::text[], ${outcome.map((o) => o.messageId)}::text[], ${outcome.map((o) => o.error)}::text[])
            AS o(id, status, message_id, error)
          WHERE r.id = o.id`;
      }
      return true;
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

/**
 * Invitations (for invitation campaigns) and links, once per recipient; remembered on the recipient so a
 * retry reuses them. Recipients who can no longer be invited (joined meanwhile, ...) are marked skipped.
 * The same checks as the preview (lib/campaigns/create-campaign.ts `checkRows`), the credential policy
 * included: a sign-in campaign skips whom the policy refuses; an invitation campaign still invites an
 * account the policy will not sign in (admin or support), with a link to the invitation page instead.
 */
type PendingRecipient = { id: string; email: string; role: string | null; teamId: string | null; linkId: string | null; invitationId: string | null };
type Prepared = Map<string, { url: string; expiresAt: Date }>;

async function prepareLinks(tx: Tx, campaign: Campaign, recipients: PendingRecipient[]): Promise<Prepared> {
  const prepared = await preparedBefore(tx, recipients);
  const todo = recipients.filter((r) => !r.linkId && !r.invitationId);
  if (todo.length) await prepareNew(tx, campaign, todo, prepared);
  return prepared;
}

/** Recipients prepared by an earlier attempt: their link (rebuilt from the secret) or invitation page. */
async function preparedBefore(tx: Tx, recipients: PendingRecipient[]): Promise<Prepared> {
  const prepared: Prepared = new Map();
  const pageOnly = recipients.filter((r) => !r.linkId && r.invitationId);
  const withLink = recipients.filter((r) => r.linkId);
  const [invitations, links] = await Promise.all([
    pageOnly.length ? tx.invitation.findMany({ where: { id: { in: pageOnly.map((r) => r.invitationId!) } }, select: { id: true, expiresAt: true } }) : [],
    withLink.length ? tx.signInLink.findMany({ where: { id: { in: withLink.map((r) => r.linkId!) } }, select: { id: true, expiresAt: true } }) : [],
  ]);
  const invitationById = new Map(invitations.map((i) => [i.id, i]));
  const linkById = new Map(links.map((l) => [l.id, l]));
  for (const r of pageOnly) {
    const inv = invitationById.get(r.invitationId!);
    if (inv) prepared.set(r.id, { url: invitationUrl(inv.id), expiresAt: inv.expiresAt });
  }
  for (const r of withLink) {
    const link = linkById.get(r.linkId!);
    if (link) prepared.set(r.id, { url: signInLinkUrl(derivedToken(env.authSecret, "campaign-link", r.id)), expiresAt: link.expiresAt });
  }
  return prepared;
}

/** The same domain function as any invitation, for the campaign's creator, inside this chunk's transaction. */
async function inviteRecipients(tx: Tx, campaign: Campaign, todo: PendingRecipient[]) {
  // A retry finds the pending invitations and refreshes them, keeping their ids.
  const { outcomes } = await createInvitations(
    await actingAs(campaign.createdById),
    {
      organizationId: campaign.organizationId,
      invitees: todo.map((r) => ({ email: r.email, role: r.role ?? campaign.role, teamId: r.teamId ?? undefined })),
      expiresIn: campaign.expiresIn,
      send: false,
    },
    { tx },
  );
  return new Map(outcomes.map((o) => [o.email, o.invitationId ?? { reason: o.reason }] as const));
}

type Person = { id: string; role: string | null; banned: boolean | null; banExpires: Date | null };

/** What a recipient gets: skipped with a reason, the invitation page, or a one-step link. */
function fateOf(campaign: Campaign, user: Person | undefined, invited: string | { reason?: PersonSkipReason } | undefined): { skip: string } | { page: string } | { link: true } {
  const invitationId = typeof invited === "string" ? invited : null;
  const refusal = user ? credentialRefusal(campaign.issuer, user, campaign.kind === "invitation" ? "emailed" : "sign-in") : null;
  if (refusal === "banned") return { skip: PERSON_SKIP_TEXT.banned };
  if (campaign.kind === "invitation") {
    if (!invitationId) return { skip: typeof invited === "object" && invited.reason ? PERSON_SKIP_TEXT[invited.reason] : "Could not be invited" };
    // Invited, but not signed in by the link: it opens the invitation page, where they sign in themselves.
    return refusal ? { page: invitationId } : { link: true };
  }
  if (!user) return { skip: "No account" };
  return refusal ? { skip: PERSON_SKIP_TEXT[refusal] } : { link: true };
}

async function prepareNew(tx: Tx, campaign: Campaign, all: PendingRecipient[], prepared: Prepared) {
  // Suppressed addresses are never mailed (lib/email/suppression.ts): skipped before anything is made for them.
  const suppressed = await suppressedAmong(all.map((r) => r.email), tx);
  const todo = all.filter((r) => !suppressed.has(r.email.toLowerCase()));
  const skippedIds = all.filter((r) => suppressed.has(r.email.toLowerCase())).map((r) => r.id);
  if (skippedIds.length) await tx.campaignRecipient.updateMany({ where: { id: { in: skippedIds } }, data: { status: "skipped", error: SUPPRESSED_TEXT } });
  const invited = campaign.kind === "invitation" && todo.length ? await inviteRecipients(tx, campaign, todo) : new Map<string, string>();
  const users = await tx.user.findMany({ where: { email: { in: todo.map((r) => r.email) } }, select: { id: true, email: true, role: true, banned: true, banExpires: true } });
  const userByEmail = new Map(users.map((u) => [u.email, u]));
  const expiresAt = new Date(Date.now() + campaign.expiresIn * 1000);
  const links: { id: string; tokenHash: string; userId: string | null; email: string; invitationId: string | null; recipientId: string }[] = [];
  const skipped = new Map<string, string[]>();
  const pages: { id: string; invitationId: string }[] = [];
  for (const r of todo) {
    const user = userByEmail.get(r.email);
    const inv = invited.get(r.email);
    const fate = fateOf(campaign, user, inv);
    const invitationId = typeof inv === "string" ? inv : null;
    if ("skip" in fate) skipped.set(fate.skip, [...(skipped.get(fate.skip) ?? []), r.id]);
    else if ("page" in fate) {
      pages.push({ id: r.id, invitationId: fate.page });
      prepared.set(r.id, { url: invitationUrl(fate.page), expiresAt });
    } else {
      const token = derivedToken(env.authSecret, "campaign-link", r.id);
      links.push({ id: randomUUID(), tokenHash: hashToken(token), userId: user?.id ?? null, email: r.email, invitationId, recipientId: r.id });
      prepared.set(r.id, { url: signInLinkUrl(token), expiresAt });
    }
  }
  for (const [error, ids] of skipped) await tx.campaignRecipient.updateMany({ where: { id: { in: ids } }, data: { status: "skipped", error } });
  await rememberPrepared(tx, campaign, expiresAt, pages, links);
}

async function sendWithRetries(emails: OutgoingEmail[], idempotencyKey: string) {
  for (let attempt = 0; ; attempt++) {
    await throttle();
    try {
      return await sendEmailBatch(emails, { permissive: true, idempotencyKey: () => idempotencyKey });
    } catch (e) {
      const err = e instanceof EmailSendError ? e : null;
      const retryable = !err || err.statusCode === null || err.statusCode === 429 || err.statusCode >= 500;
      if (!retryable || attempt >= 6) throw e;
      const wait = err?.statusCode === 429 ? (err.retryAfterSeconds ?? 1) * 1000 : Math.min(30_000, 500 * 2 ** attempt);
      await sleep(wait);
    }
  }
}
