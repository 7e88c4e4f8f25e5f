import { z } from "zod";
import { invitationMetadata, invitationRedirect } from "./extras";
import { parseAsFilter, parseAsSort, tableParams } from "@/lib/data-table/params";


export const INVITATION_SORTS = ["createdAt", "expiresAt", "email"] as const;

export const invitationsSearchParams = {
  ...tableParams,
  sort: parseAsSort(INVITATION_SORTS, { id: "createdAt", desc: true }),
  status: parseAsFilter,
  org: parseAsFilter,
  role: parseAsFilter,
  inviter: parseAsFilter,
  expiring: parseAsFilter,
};

export const HOUR = 60 * 60;
export const DAY = 24 * HOUR;
/** Invitation lifetime bounds, in seconds. */
export const MIN_INVITATION_SECONDS = HOUR;
export const MAX_INVITATION_SECONDS = 30 * DAY;

export const EXPIRY_CHOICES = [
  { value: HOUR, label: "1 hour" },
  { value: DAY, label: "1 day" },
  { value: 3 * DAY, label: "3 days" },
  { value: 7 * DAY, label: "7 days" },
  { value: 14 * DAY, label: "14 days" },
  { value: 30 * DAY, label: "30 days" },
] as const;

export const EXPIRING_WITHIN = [
  { value: "24h", label: "Within 24 hours", seconds: DAY },
  { value: "3d", label: "Within 3 days", seconds: 3 * DAY },
  { value: "7d", label: "Within 7 days", seconds: 7 * DAY },
] as const;

export const expiresInSchema = z
  .number({ message: "Choose how long the invitation stays valid." })
  .int()
  .min(MIN_INVITATION_SECONDS, "An invitation must be valid for at least 1 hour.")
  .max(MAX_INVITATION_SECONDS, "An invitation can be valid for at most 30 days.");

/** The server API's input (lib/invitations/create-invitations.ts). Emails are checked per invitee, not here. */
export const createInvitationsInput = z.object({
  organizationId: z.string().min(1),
  invitees: z
    .array(
      z.object({
        email: z.string().max(320),
        role: z.string().max(64).optional(),
        teamId: z.string().max(64).optional(),
        // Where the person lands once they accept, and metadata for their membership (./extras.ts).
        redirectTo: invitationRedirect.optional(),
        metadata: invitationMetadata.optional(),
      }),
    )
    .min(1, "Add at least one person to invite.")
    .max(50_000, "At most 50,000 people per request."),
  expiresIn: expiresInSchema.optional(),
  send: z.boolean().default(true),
});
export type CreateInvitationsInput = z.input<typeof createInvitationsInput>;

function isJsonObject(text: string) {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Split pasted text (commas, semicolons, whitespace, newlines; "Name <a@b>" accepted) into addresses. */
export function splitEmails(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.replace(/^.*<|>.*$/g, "").trim())
    .filter(Boolean);
}

/** The invite dialog's form; the server validates it again with the same schema. */
export const inviteFormSchema = z.object({
  emails: z
    .string()
    .trim()
    .min(1, "Enter at least one email address.")
    .refine((v) => splitEmails(v).length <= 1000, "Paste at most 1,000 addresses at once; use a campaign for more."),
  organizationId: z.string().min(1, "Choose an organization."),
  role: z.enum(["member", "admin", "owner"]),
  teamId: z.string().optional(),
  expiresIn: expiresInSchema,
  /** Optional: where people land once they accept, and metadata (JSON text) for their membership (./extras.ts). */
  redirectTo: z.string().trim().max(2048).optional(),
  metadata: z
    .string()
    .trim()
    .max(8192)
    .refine((v) => !v || isJsonObject(v), 'Metadata must be a JSON object, such as {"plan": "pro"}.')
    .optional(),
});
export type InviteFormValues = z.infer<typeof inviteFormSchema>;

export const invitationIdsSchema = z.object({ ids: z.array(z.string().min(1).max(64)).min(1, "Select at least one invitation.").max(1000) });
