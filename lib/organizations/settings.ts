/**
 * An organization's own settings in Admit (its row in better-auth's `organization` table is the application's):
 * invitation reminders (lib/invitations/reminders.ts). Organization owners and admins, and platform admins, change
 * them (`organization:settings`); audited in the same transaction. Seats are lib/organizations/seats.ts (admins only).
 */
import { z } from "zod";
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { REMINDER_HOURS } from "@/lib/invitations/reminder-hours";
import { authorize, type Permission } from "@/lib/permissions";

export const reminderSettingInput = z.object({
  organizationId: z.string().min(1).max(255),
  hours: z.union([z.literal(null), ...REMINDER_HOURS.map((h) => z.literal(h))], { error: `Reminders go ${REMINDER_HOURS.join(", ")} hours before expiry, or not at all.` }),
});

/**
 * Changes one of an organization's settings, if the actor may (`permission`), with its audit event (`from`, `to`)
 * in the same transaction: the one way seats and reminders are written.
 */
export async function changeOrganizationSetting(
  ctx: ActorContext,
  change: { organizationId: string; permission: Permission; field: "seatLimit" | "reminderHours"; value: number | null; action: string },
) {
  await authorize(ctx.actor, change.permission, { organizationId: change.organizationId });
  const organization = await prisma.organization.findUnique({ where: { id: change.organizationId }, select: { id: true, name: true } });
  if (!organization) throw new NotFoundError("Organization not found.");
  await prisma.$transaction(async (tx) => {
    const before = await tx.organizationSettings.findUnique({ where: { organizationId: organization.id } });
    const data = { [change.field]: change.value };
    await tx.organizationSettings.upsert({ where: { organizationId: organization.id }, create: { organizationId: organization.id, ...data }, update: data });
    await recordAudit(tx, ctx, {
      action: change.action,
      organizationId: organization.id,
      target: { type: "organization", id: organization.id, label: organization.name },
      metadata: { from: before?.[change.field] ?? null, to: change.value },
    });
  });
}

/** Turns invitation reminders on (hours before expiry) or off (null) for an organization. */
export async function setReminderHours(ctx: ActorContext, raw: z.input<typeof reminderSettingInput>) {
  const input = reminderSettingInput.parse(raw);
  await changeOrganizationSetting(ctx, { organizationId: input.organizationId, permission: "organization:settings", field: "reminderHours", value: input.hours, action: "organization.reminders_changed" });
  return { reminderHours: input.hours };
}
