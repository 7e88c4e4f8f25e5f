import { DEFAULT_LANDING } from "@/lib/app-links";
import { z } from "zod";
import { parseAsFilter, parseAsSort, tableParams } from "@/lib/data-table/params";

export const LINK_PURPOSES = ["sign-in", "impersonation"] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];
export const LINK_STATUSES = ["unused", "used", "expired", "revoked"] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

const MINUTE = 60;
/** Lifetimes in seconds: default, min, max per purpose. */
export const LINK_EXPIRY = {
  "sign-in": { default: 24 * 60 * MINUTE, min: 5 * MINUTE, max: 7 * 24 * 60 * MINUTE },
  impersonation: { default: 10 * MINUTE, min: 5 * MINUTE, max: 60 * MINUTE },
} as const;

export const LINK_EXPIRY_CHOICES = {
  "sign-in": [
    { value: 15 * MINUTE, label: "15 minutes" },
    { value: 60 * MINUTE, label: "1 hour" },
    { value: 24 * 60 * MINUTE, label: "24 hours" },
    { value: 3 * 24 * 60 * MINUTE, label: "3 days" },
    { value: 7 * 24 * 60 * MINUTE, label: "7 days" },
  ],
  impersonation: [
    { value: 10 * MINUTE, label: "10 minutes" },
    { value: 30 * MINUTE, label: "30 minutes" },
    { value: 60 * MINUTE, label: "1 hour" },
  ],
} as const;

/** Where a link may send its holder after sign-in. Anything else is refused when the link is issued. */
export const LINK_REDIRECTS = [DEFAULT_LANDING, "/invitations", "/organizations", "/users", "/campaigns", "/sign-in-links", "/audit"] as const;

export function isAllowedRedirect(path: string) {
  return (LINK_REDIRECTS as readonly string[]).includes(path);
}

export const issueLinksInput = z
  .object({
    purpose: z.enum(LINK_PURPOSES),
    recipients: z
      .array(z.object({ email: z.string().max(320), name: z.string().max(200).optional() }))
      .min(1, "Add at least one person.")
      .max(10_000, "At most 10,000 links per request."),
    expiresIn: z.number().int().optional(),
    redirectTo: z.string().default(DEFAULT_LANDING),
    reason: z.string().trim().max(500).optional(),
    /** Create accounts (verified email, no password) for addresses that have none, if the issuer may. */
    createUsers: z.boolean().default(false),
    send: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    const bounds = LINK_EXPIRY[v.purpose];
    if (v.expiresIn !== undefined && (v.expiresIn < bounds.min || v.expiresIn > bounds.max)) {
      ctx.addIssue({ code: "custom", path: ["expiresIn"], message: `A ${v.purpose} link must expire within ${bounds.min / 60} minutes to ${bounds.max / 3600} hours.` });
    }
    if (!isAllowedRedirect(v.redirectTo)) ctx.addIssue({ code: "custom", path: ["redirectTo"], message: "That redirect is not allowed." });
    if (v.purpose === "impersonation" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Impersonation needs a reason." });
    if (v.purpose === "impersonation" && v.recipients.length !== 1) ctx.addIssue({ code: "custom", path: ["recipients"], message: "Impersonate one person at a time." });
  });
export type IssueLinksInput = z.input<typeof issueLinksInput>;

export const issueLinksFormSchema = z
  .object({
    emails: z.string().trim().min(1, "Enter at least one email address."),
    purpose: z.enum(LINK_PURPOSES),
    expiresIn: z.number().int(),
    redirectTo: z.string(),
    reason: z.string().trim().max(500).optional(),
    createUsers: z.boolean(),
    delivery: z.enum(["email", "csv", "copy"]),
  })
  .refine((v) => v.purpose !== "impersonation" || (v.reason?.length ?? 0) >= 3, { path: ["reason"], message: "Say why you need to impersonate (it is audited)." });
export type IssueLinksFormValues = z.infer<typeof issueLinksFormSchema>;

export const linksSearchParams = {
  ...tableParams,
  sort: parseAsSort(["createdAt", "expiresAt"] as const, { id: "createdAt", desc: true }),
  purpose: parseAsFilter,
  status: parseAsFilter,
};

export function linkStatus(link: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): LinkStatus {
  if (link.usedAt) return "used";
  if (link.revokedAt) return "revoked";
  return link.expiresAt <= now ? "expired" : "unused";
}
