import { z } from "zod";
import { parseAsFilter, parseAsSort, tableParams } from "@/lib/data-table/params";

/** Why an address is suppressed. (Pure data: the console's client components import this module.) */
export const SUPPRESSION_REASONS = ["bounced", "complained", "manual"] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
export const SUPPRESSION_REASON_TEXT: Record<(typeof SUPPRESSION_REASONS)[number], string> = { bounced: "Bounced", complained: "Complained", manual: "Added by an admin" };

export const suppressionsSearchParams = {
  ...tableParams,
  sort: parseAsSort(["email", "createdAt"] as const, { id: "createdAt", desc: true }),
  reason: parseAsFilter,
};

/** At most this many addresses per request (add or clear). */
export const MAX_SUPPRESSIONS_PER_REQUEST = 1000;

export const addSuppressionsInput = z.object({
  emails: z.array(z.string().max(1000)).min(1, "Enter at least one address.").max(MAX_SUPPRESSIONS_PER_REQUEST, `At most ${MAX_SUPPRESSIONS_PER_REQUEST} addresses at once.`),
  note: z.string().trim().max(500, "At most 500 characters.").optional(),
});
export const clearSuppressionsInput = z.object({
  emails: z.array(z.string().trim().toLowerCase().max(320)).min(1).max(MAX_SUPPRESSIONS_PER_REQUEST),
});
