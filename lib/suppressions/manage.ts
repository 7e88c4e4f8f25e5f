/**
 * The suppression list, by hand (platform admins): add addresses no mail should reach, clear ones that may be
 * mailed again. Each change is audited in its transaction; every address gets an outcome.
 */
import type { z } from "zod";
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { suppressAddresses } from "@/lib/email/suppression";
import { emailSchema } from "@/lib/people";
import { authorize } from "@/lib/permissions";
import { addSuppressionsInput, clearSuppressionsInput } from "./schema";

export type SuppressionOutcome = { email: string; status: "added" | "already_listed" | "invalid_email" | "cleared" | "not_listed" };

export async function addSuppressions(ctx: ActorContext, raw: z.input<typeof addSuppressionsInput>): Promise<SuppressionOutcome[]> {
  await authorize(ctx.actor, "suppression:manage");
  const input = addSuppressionsInput.parse(raw);
  const checked = input.emails.map((raw) => ({ raw, email: emailSchema.safeParse(raw).data ?? null }));
  const emails = [...new Set(checked.flatMap((c) => (c.email ? [c.email] : [])))];
  const added = new Set(emails.length ? await prisma.$transaction((tx) => suppressAddresses(tx, ctx, emails.map((email) => ({ email, reason: "manual" as const, detail: input.note || null })))) : []);
  return checked.map(({ raw, email }) => (email ? { email, status: added.has(email) ? "added" : "already_listed" } : { email: raw, status: "invalid_email" }));
}

export async function clearSuppressions(ctx: ActorContext, raw: z.input<typeof clearSuppressionsInput>): Promise<SuppressionOutcome[]> {
  await authorize(ctx.actor, "suppression:manage");
  const emails = [...new Set(clearSuppressionsInput.parse(raw).emails)];
  const cleared = await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ email: string; reason: string }[]>`
      DELETE FROM "admit"."email_suppression" WHERE email = ANY(${emails}::text[]) RETURNING email, reason`;
    await recordAudit(tx, ctx, rows.map((r) => ({ action: "email.unsuppressed", target: { type: "email", id: r.email, label: r.email }, metadata: { reason: r.reason } })));
    return new Set(rows.map((r) => r.email));
  });
  return emails.map((email) => ({ email, status: cleared.has(email) ? "cleared" : "not_listed" }));
}
