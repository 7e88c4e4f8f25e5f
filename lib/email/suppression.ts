/**
 * The suppression list: addresses Admit never mails — they bounced hard or complained (Resend's webhooks,
 * lib/campaigns/webhooks.ts) or an admin added them — until an admin clears them (lib/suppressions/).
 * One rule, asked by the one send path (lib/email/send.ts): every message to a suppressed address is dropped
 * there and reported as suppressed, whichever feature sent it. Only mail a person asked for themselves (a
 * sign-in link from the sign-in page) still goes out: it is how they get back in.
 */
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { prisma, type Tx } from "@/lib/db";
import type { SuppressionReason } from "@/lib/suppressions/schema";


export const SUPPRESSED_TEXT = "Not emailed: the address is on the suppression list (it bounced or complained)";

/** Which of these addresses are suppressed (lowercased), in one query. */
export async function suppressedAmong(emails: string[], db: Pick<Tx, "$queryRaw"> = prisma): Promise<Set<string>> {
  if (!emails.length) return new Set();
  const rows = await db.$queryRaw<{ email: string }[]>`
    SELECT email FROM "admit"."email_suppression" WHERE email = ANY(${[...new Set(emails.map((e) => e.toLowerCase()))]}::text[])`;
  return new Set(rows.map((r) => r.email));
}

export interface NewSuppression {
  email: string;
  reason: SuppressionReason;
  detail?: string | null;
  campaignId?: string | null;
  messageId?: string | null;
  organizationId?: string | null;
}

/**
 * Adds addresses inside the caller's transaction; ones already there keep their first reason. Each new one is
 * audited (`email.suppressed`) in the same transaction. Returns the addresses added.
 */
export async function suppressAddresses(tx: Tx, ctx: ActorContext, entries: NewSuppression[]): Promise<string[]> {
  const unique = [...new Map(entries.map((e) => [e.email.trim().toLowerCase(), e])).entries()].filter(([email]) => email.includes("@"));
  if (!unique.length) return [];
  const added = await tx.$queryRaw<{ email: string }[]>`
    INSERT INTO "admit"."email_suppression" (email, reason, detail, "campaignId", "messageId", "createdById", "createdByEmail")
    SELECT s.email, s.reason, s.detail, s.campaign, s.message, ${ctx.actor?.userId ?? null}, ${ctx.actor?.email ?? null}
    FROM unnest(${unique.map(([e]) => e)}::text[], ${unique.map(([, s]) => s.reason)}::text[], ${unique.map(([, s]) => s.detail?.slice(0, 500) ?? null)}::text[],
                ${unique.map(([, s]) => s.campaignId ?? null)}::text[], ${unique.map(([, s]) => s.messageId ?? null)}::text[]) AS s(email, reason, detail, campaign, message)
    ON CONFLICT (email) DO NOTHING
    RETURNING email`;
  const byEmail = new Map(unique);
  await recordAudit(
    tx,
    ctx,
    added.map(({ email }) => {
      const s = byEmail.get(email)!;
      return { action: "email.suppressed", organizationId: s.organizationId ?? null, target: { type: "email", id: email, label: email }, metadata: { reason: s.reason, detail: s.detail ?? null, campaignId: s.campaignId ?? null } };
    }),
  );
  return added.map((a) => a.email);
}
