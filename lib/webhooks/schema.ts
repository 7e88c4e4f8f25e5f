import { z } from "zod";
import { parseAsFilter, parseAsSort, tableParams } from "@/lib/data-table/params";
import { WEBHOOK_EVENTS } from "./events";

export const DELIVERY_STATUSES = ["pending", "delivering", "succeeded", "failed"] as const;

/** An endpoint's URL: https (http only where development tools run: local receivers in development and tests). */
export function endpointUrl(mayUseHttp: boolean) {
  return z
    .string()
    .trim()
    .max(2000, "At most 2,000 characters.")
    .refine((v) => URL.canParse(v), "Enter a full URL, like https://example.com/webhooks/admit.")
    .refine((v) => !URL.canParse(v) || new URL(v).protocol === "https:" || (mayUseHttp && new URL(v).protocol === "http:"), "The URL must start with https://.")
    .refine((v) => !URL.canParse(v) || (!new URL(v).username && !new URL(v).password), "Put no credentials in the URL; verify the signature instead.");
}

export const endpointFields = {
  description: z.string().trim().max(200).default(""),
  /** Empty: every event. */
  events: z.array(z.enum(WEBHOOK_EVENTS)).max(WEBHOOK_EVENTS.length).default([]),
  /** Null: every organization's events (and events tied to none). */
  organizationId: z.string().trim().min(1).max(64).nullish(),
};

export const deliveriesSearchParams = {
  ...tableParams,
  sort: parseAsSort(["createdAt"] as const, { id: "createdAt", desc: true }),
  status: parseAsFilter,
};
