import { z } from "zod";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { MAX_CSV_BYTES, MAX_CSV_ROWS } from "@/lib/campaigns/csv";
import { controlCampaign, type CampaignCommand } from "@/lib/campaigns/manage-campaign";
import { getCampaign, listCampaigns } from "@/lib/campaigns/queries";
import { CAMPAIGN_KINDS, CAMPAIGN_STATUSES, campaignSettingsSchema } from "@/lib/campaigns/schema";
import { route } from "../route";
import { isoDate, listFilter, pageInfo, pageOf, pageQuery, searchParamsOf, sortQuery } from "./common";

const campaignRow = z
  .object({ id: z.string(), name: z.string(), kind: z.string().meta({ description: CAMPAIGN_KINDS.join(" | ") }), status: z.string().meta({ description: CAMPAIGN_STATUSES.join(" | ") }), organization: z.string(), total: z.number(), done: z.number(), createdByEmail: z.string(), createdAt: isoDate })
  .meta({ id: "Campaign" });

const campaignDetail = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string().meta({ description: CAMPAIGN_KINDS.join(" | ") }),
    status: z.string().meta({ description: CAMPAIGN_STATUSES.join(" | ") }),
    organizationId: z.string(),
    organization: z.string(),
    role: z.string(),
    subject: z.string(),
    total: z.number(),
    done: z.number(),
    counts: z.record(z.string(), z.number()).meta({ description: "Recipients per status (pending, sent, failed, skipped, canceled)." }),
    delivery: z.record(z.string(), z.number()).meta({ description: "Recipients per delivery event (delivered, bounced, complained, delivery_delayed)." }),
    createdByEmail: z.string(),
    createdAt: isoDate,
    startedAt: isoDate.nullable(),
    finishedAt: isoDate.nullable(),
  })
  .meta({ id: "CampaignProgress" });

const row = z.object({
  email: z.string().max(320),
  name: z.string().max(200).optional(),
  role: z.string().max(64).optional(),
  team: z.string().max(200).optional(),
  fields: z.record(z.string().max(100), z.string().max(2000)).optional().meta({ description: "Extra template fields ({{column}})." }),
});

const createBody = campaignSettingsSchema
  .extend({
    csv: z.string().max(MAX_CSV_BYTES).optional().meta({ description: "The CSV file's text (header line with an email column), as uploaded in the console." }),
    rows: z.array(row).max(MAX_CSV_ROWS).optional().meta({ description: "Or the rows themselves." }),
  })
  .refine((b) => (b.csv === undefined) !== (b.rows === undefined), { message: "Give either csv or rows.", path: ["csv"] });

function commandRoute(command: Exclude<CampaignCommand, "retry-failed">, summary: string) {
  return route({
    method: "POST",
    path: `/campaigns/{id}/${command}`,
    operationId: `${command}Campaign`,
    summary,
    tag: "Campaigns",
    scope: "campaign:manage",
    response: z.object({ changed: z.number() }),
    handler: async (ctx, { params }) => controlCampaign(ctx, params.id, command),
  });
}

export const campaignRoutes = [
  route({
    method: "POST",
    path: "/campaigns",
    operationId: "createCampaign",
    summary: "Start a campaign from CSV text or rows",
    description: `Every row is checked as the console checks an upload (at most ${MAX_CSV_ROWS.toLocaleString("en")} rows); the valid ones are queued and sent in Resend batches by the worker. Poll GET /campaigns/{id} for progress.`,
    tag: "Campaigns",
    scope: "campaign:create",
    body: createBody,
    maxBodyBytes: 16 * 1024 * 1024,
    response: z.object({ id: z.string(), recipients: z.number(), skipped: z.number() }),
    status: 201,
    handler: async (ctx, { body }) => {
      const { csv, rows, ...settings } = body;
      const source = csv !== undefined ? new TextEncoder().encode(csv) : { records: (rows ?? []).map((r, i) => ({ line: i + 1, email: r.email, name: r.name, role: r.role, team: r.team, fields: r.fields ?? {} })) };
      return createCampaign(ctx, settings, source);
    },
  }),
  route({
    method: "GET",
    path: "/campaigns",
    operationId: "listCampaigns",
    summary: "List campaigns",
    tag: "Campaigns",
    scope: "campaign:read",
    query: z.object({ ...pageQuery, sort: sortQuery(["createdAt"]), status: listFilter(CAMPAIGN_STATUSES, "Statuses, comma-separated.") }),
    response: z.object({ data: z.array(campaignRow), ...pageInfo }),
    handler: async (ctx, { query }) => pageOf(await listCampaigns(ctx.actor, searchParamsOf(query)), query),
  }),
  route({
    method: "GET",
    path: "/campaigns/{id}",
    operationId: "getCampaign",
    summary: "A campaign's progress",
    tag: "Campaigns",
    scope: "campaign:read",
    response: campaignDetail,
    handler: async (ctx, { params }) => {
      return getCampaign(ctx.actor, params.id);
    },
  }),
  commandRoute("pause", "Pause a campaign"),
  commandRoute("resume", "Resume a paused campaign"),
  commandRoute("cancel", "Cancel a campaign (pending recipients are not sent)"),
];
