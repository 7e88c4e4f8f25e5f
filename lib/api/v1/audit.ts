import { z } from "zod";
import { auditEventsAfter } from "@/lib/audit/queries";
import { route } from "../route";
import { isoDate } from "./common";

const event = z
  .object({
    id: z.string(),
    createdAt: isoDate,
    action: z.string(),
    actorId: z.string().nullable(),
    actorEmail: z.string().nullable(),
    impersonatorId: z.string().nullable(),
    apiKeyId: z.string().nullable().meta({ description: "The API key the change was made with." }),
    organizationId: z.string().nullable(),
    target: z.object({ type: z.string(), id: z.string(), label: z.string().nullable() }).nullable(),
    metadata: z.unknown(),
    ipAddress: z.string().nullable(),
  })
  .meta({ id: "AuditEvent" });

export const auditRoutes = [
  route({
    method: "GET",
    path: "/audit-events",
    operationId: "listAuditEvents",
    summary: "The audit log, newest first, by cursor",
    description: "Pass `next` from one page as `cursor` for the next; it is null on the last page. Events added meanwhile never shift a page.",
    tag: "Audit",
    scope: "audit:read",
    query: z.object({
      cursor: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      action: z.string().max(2000).optional().meta({ description: "Actions, comma-separated (e.g. invitation.created,member.added)." }),
      organizationId: z.string().max(64).optional(),
      apiKeyId: z.string().max(64).optional(),
    }),
    response: z.object({ events: z.array(event), next: z.string().nullable() }),
    handler: async (ctx, { query }) => auditEventsAfter(ctx.actor, { ...query, action: query.action?.split(",").filter(Boolean) }),
  }),
];
