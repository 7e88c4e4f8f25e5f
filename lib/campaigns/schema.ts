import { z } from "zod";
import { REMINDER_HOURS } from "@/lib/invitations/reminder-hours";
import { parseAsFilter, parseAsSort, tableParams } from "@/lib/data-table/params";
import { DAY, expiresInSchema } from "@/lib/invitations/schema";

export const CAMPAIGN_KINDS = ["invitation", "sign-in"] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const CAMPAIGN_STATUSES = ["queued", "sending", "paused", "completed", "canceled"] as const;
export const RECIPIENT_STATUSES = ["pending", "sent", "failed", "skipped", "canceled"] as const;
export const DELIVERY_STATUSES = ["delivered", "bounced", "complained", "delivery_delayed"] as const;
export const CHUNK_SIZE = 100;

export const ROW_OUTCOMES = [
  "valid",
  "invalid_email",
  "unknown_role",
  "owner_requires_owner",
  "unknown_team",
  "duplicate",
  "already_member",
  "already_invited",
  "no_account",
  "banned",
  "privileged_target",
  "not_allowed",
  "suppressed",
] as const;
export type RowOutcome = (typeof ROW_OUTCOMES)[number];
export const ROW_OUTCOME_TEXT: Record<RowOutcome, string> = {
  valid: "Valid",
  invalid_email: "Invalid email",
  unknown_role: "Unknown role",
  unknown_team: "Unknown team",
  duplicate: "Duplicate in file",
  already_member: "Already a member",
  already_invited: "Already invited (pending)",
  no_account: "No account (sign-in links are for existing users)",
  owner_requires_owner: "Only an owner can invite an owner",
  banned: "The account is suspended",
  privileged_target: "Admin or support account: only an administrator may send it a sign-in link",
  not_allowed: "You may not send this person a sign-in link",
  suppressed: "On the suppression list (bounced or complained): never emailed",
};

/** Shown beside a valid row whose link opens the invitation page (the person signs in themselves). */
export const INVITATION_PAGE_NOTE = "Admin or support account: the link opens the invitation page, where they sign in themselves";

export const campaignSettingsSchema = z.object({
  organizationId: z.string().min(1, "Choose an organization."),
  kind: z.enum(CAMPAIGN_KINDS),
  name: z.string().trim().min(1, "Name the campaign.").max(120),
  role: z.enum(["member", "admin", "owner"]),
  teamId: z.string().optional(),
  expiresIn: expiresInSchema,
  subject: z.string().trim().min(1, "Write a subject.").max(200),
  message: z.string().trim().min(1, "Write a message.").max(5000),
  /** Invitation campaigns: remind invitees who have not answered this many hours before expiry (0: the organization's setting). */
  reminderHours: z.union([z.literal(0), ...REMINDER_HOURS.map((h) => z.literal(h))], { error: `A reminder goes ${REMINDER_HOURS.join(", ")} hours before expiry, or 0 for none.` }).optional(),
});
export type CampaignSettings = z.infer<typeof campaignSettingsSchema>;

export const DEFAULT_SETTINGS: Omit<CampaignSettings, "organizationId"> = {
  kind: "invitation",
  name: "",
  role: "member",
  teamId: undefined,
  expiresIn: 7 * DAY,
  subject: "{{inviter}} invited you to {{organization}}",
  message: "Hi {{name}},\n\nYou're invited to join {{organization}}. Use the button below to get started.",
  reminderHours: 0,
};

/** `{{name}}`-style fields: known ones plus any CSV column. Unknown fields render empty. */
export function renderTemplate(template: string, fields: Record<string, string | undefined>) {
  return template.replace(/\{\{\s*([\w .-]+?)\s*\}\}/g, (_, key: string) => fields[key] ?? fields[key.toLowerCase()] ?? "");
}

export const campaignsSearchParams = {
  ...tableParams,
  sort: parseAsSort(["createdAt"] as const, { id: "createdAt", desc: true }),
  status: parseAsFilter,
};

/** A campaign's funnel stages (lib/campaigns/funnel.ts counts them). */
export const FUNNEL_STAGES = ["sent", "delivered", "opened", "clicked", "accepted", "expired", "bounced"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export const FUNNEL_STAGE_TEXT: Record<FunnelStage, string> = {
  sent: "Sent",
  delivered: "Delivered",
  opened: "Opened",
  clicked: "Clicked",
  accepted: "Accepted",
  expired: "Expired",
  bounced: "Bounced or complained",
};

export const recipientsSearchParams = {
  ...tableParams,
  sort: parseAsSort(["row", "email"] as const, { id: "row", desc: false }),
  status: parseAsFilter,
  /** Funnel stages (lib/campaigns/funnel.ts): sent, delivered, opened, clicked, accepted, expired, bounced. */
  stage: parseAsFilter,
};
