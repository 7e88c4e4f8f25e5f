/**
 * Invitation reminders: off by default; an organization (its page) or a campaign (its settings) may ask for one
 * reminder a set time before an invitation expires, to people who have not answered. The worker sweeps every
 * minute. Each invitation gets at most one reminder, ever: it is claimed (`admit.invitation_reminder`, keyed by
 * the invitation) before it is sent, so two workers, a retry or a renewed invitation never send a second — a
 * worker that dies between the claim and the send means no reminder rather than two. An invitation made inside
 * its own reminder window (a 24-hour invitation with a 24-hour reminder) gets none. Suppressed addresses are not
 * mailed (lib/email/send.ts). Each reminder is on the invitation's history (`invitation.reminded`).
 */
import { createElement } from "react";
import { invitationUrl } from "@/lib/app-links";
import { recordInvitationAudit } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { sendEmailBatch } from "@/lib/email/send";
import { InvitationEmail } from "@/lib/email/templates/invitation-email";
import { groupBy } from "@/lib/utils";
import { REMINDER_HOURS } from "./reminder-hours";

const LONGEST = Math.max(...REMINDER_HOURS);

type Due = { id: string; email: string; role: string | null; expiresAt: Date; organizationId: string; organizationName: string; inviterName: string | null; inviterEmail: string | null; hours: number; campaignId: string | null };

/** Sends the reminders that are due (at most `limit` per call); returns how many were claimed. */
export async function sendInvitationReminders({ now = new Date(), limit = 500 } = {}): Promise<number> {
  const due = await prisma.$queryRaw<Due[]>`
    SELECT i.id, i.email, i.role, i."expiresAt", i."organizationId", o.name AS "organizationName", u.name AS "inviterName", u.email AS "inviterEmail",
           coalesce(c."reminderHours", s."reminderHours") AS hours, c.id AS "campaignId"
    FROM "invitation" i
    JOIN "organization" o ON o.id = i."organizationId"
    LEFT JOIN "user" u ON u.id = i."inviterId"
    LEFT JOIN "admit"."organization_settings" s ON s."organizationId" = i."organizationId"
    LEFT JOIN LATERAL (
      SELECT c.id, c."reminderHours" FROM "admit"."campaign_recipient" r JOIN "admit"."campaign" c ON c.id = r."campaignId"
      WHERE r."invitationId" = i.id AND c."reminderHours" IS NOT NULL LIMIT 1
    ) c ON true
    WHERE i.status = 'pending' AND i."expiresAt" > ${now} AND i."expiresAt" <= ${now}::timestamptz + ${LONGEST} * interval '1 hour'
      AND coalesce(c."reminderHours", s."reminderHours") IS NOT NULL
      AND i."expiresAt" <= ${now}::timestamptz + coalesce(c."reminderHours", s."reminderHours") * interval '1 hour'
      AND i."createdAt" < i."expiresAt" - coalesce(c."reminderHours", s."reminderHours") * interval '1 hour'
      AND NOT EXISTS (SELECT 1 FROM "admit"."invitation_reminder" ir WHERE ir."invitationId" = i.id)
    ORDER BY i."expiresAt"
    LIMIT ${limit}`;
  if (!due.length) return 0;
  const claimed = new Set(
    (
      await prisma.$queryRaw<{ invitationId: string }[]>`
        INSERT INTO "admit"."invitation_reminder" ("invitationId", "organizationId", "campaignId", "hoursBefore")
        SELECT * FROM unnest(${due.map((d) => d.id)}::text[], ${due.map((d) => d.organizationId)}::text[], ${due.map((d) => d.campaignId)}::text[], ${due.map((d) => d.hours)}::int[])
        ON CONFLICT ("invitationId") DO NOTHING
        RETURNING "invitationId"`
    ).map((r) => r.invitationId),
  );
  const mine = due.filter((d) => claimed.has(d.id));
  if (!mine.length) return 0;
  const results = await sendEmailBatch(mine.map(reminderEmail), { permissive: true }).catch((e: unknown) => mine.map(() => ({ error: e instanceof Error ? e.message : "send failed", id: undefined, suppressed: undefined })));
  const outcome = mine.map((d, i) => {
    const r = results[i];
    const status = r?.id && !r.error ? "sent" : r?.suppressed ? "suppressed" : "failed";
    return { d, status, messageId: r?.id ?? null, error: r?.error?.slice(0, 300) ?? null };
  });
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE "admit"."invitation_reminder" r SET status = o.status, "messageId" = o.message_id, error = o.error
      FROM unnest(${outcome.map((o) => o.d.id)}::text[], ${outcome.map((o) => o.status)}::text[], ${outcome.map((o) => o.messageId)}::text[], ${outcome.map((o) => o.error)}::text[])
        AS o(id, status, message_id, error)
      WHERE r."invitationId" = o.id`;
    for (const [organizationId, rows] of groupBy(outcome, (o) => o.d.organizationId)) {
      await recordInvitationAudit(
        tx,
        { actor: null },
        organizationId,
        rows.map((o) => ({
          action: o.status === "sent" ? "invitation.reminded" : "invitation.reminder_failed",
          id: o.d.id,
          label: o.d.email,
          metadata: { hoursBefore: o.d.hours, campaignId: o.d.campaignId, ...(o.status === "sent" ? { messageId: o.messageId } : { error: o.error, suppressed: o.status === "suppressed" }) },
        })),
      );
    }
  });
  return mine.length;
}

function reminderEmail(d: Due) {
  const inviter = d.inviterName || d.inviterEmail || "Someone";
  return {
    to: d.email,
    subject: `Reminder: your invitation to join ${d.organizationName} expires soon`,
    react: createElement(InvitationEmail, {
      url: invitationUrl(d.id),
      organizationName: d.organizationName,
      inviterName: d.inviterName ?? "",
      inviterEmail: d.inviterEmail ?? inviter,
      role: d.role ?? "member",
      expiresAt: d.expiresAt,
      reminder: true,
    }),
    tags: [{ name: "kind", value: "invitation-reminder" }],
  };
}
