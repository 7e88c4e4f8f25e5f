import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { allowed, escapeLike, pageWindow, toPage } from "@/lib/data-table/params";
import { prisma, Prisma, queryPage, queryRows, sortOrder } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/permissions";
import { DELIVERY_STATUSES, deliveriesSearchParams } from "./schema";

/** Every endpoint with its last day's deliveries by status (one statement). */
export async function listWebhookEndpoints(actor: Actor | null) {
  await authorize(actor, "webhook:manage");
  const rows = await queryRows<
    { id: string; url: string; description: string; events: string[]; organizationId: string | null; organization: string | null; enabled: boolean; disabledReason: string | null;
      consecutiveFailures: number; lastSuccessAt: Date | null; lastFailureAt: Date | null; createdAt: Date; succeeded: number; failed: number; pending: number }[]
  >(Prisma.sql`
    SELECT ep.id, ep.url, ep.description, ep.events, ep."organizationId", o.name AS organization, ep.enabled, ep."disabledReason", ep."consecutiveFailures",
           ep."lastSuccessAt", ep."lastFailureAt", ep."createdAt",
           count(*) FILTER (WHERE d.status = 'succeeded')::int AS succeeded, count(*) FILTER (WHERE d.status = 'failed')::int AS failed,
           count(*) FILTER (WHERE d.status IN ('pending', 'delivering'))::int AS pending
    FROM "admit"."webhook_endpoint" ep
    LEFT JOIN "organization" o ON o.id = ep."organizationId"
    LEFT JOIN "admit"."webhook_delivery" d ON d."endpointId" = ep.id AND d."createdAt" > now() - interval '1 day'
    GROUP BY ep.id, o.name ORDER BY ep."createdAt" DESC`);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), lastSuccessAt: r.lastSuccessAt?.toISOString() ?? null, lastFailureAt: r.lastFailureAt?.toISOString() ?? null }));
}
export type WebhookEndpointRow = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];

/** One endpoint and a page of its deliveries (the delivery log), newest first, filterable by status. */
export async function getWebhookEndpoint(actor: Actor | null, id: string, searchParams: SearchParams) {
  await authorize(actor, "webhook:manage");
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { id }, omit: { secret: true } });
  if (!endpoint) throw new NotFoundError("Webhook endpoint not found.");
  const p = await createLoader(deliveriesSearchParams)(searchParams);
  const statuses = allowed(p.status, DELIVERY_STATUSES);
  const { skip, take } = pageWindow(p.page, p.perPage);
  // The page and its count in one statement; search: an event type's start (invitation.) or an event id.
  const { rows, rowCount } = await queryPage<{
    id: string; eventId: string; type: string; status: string; attempts: number; responseStatus: number | null; responseBody: string | null; error: string | null;
    createdAt: Date; lastAttemptAt: Date | null; nextAttemptAt: Date; deliveredAt: Date | null;
  }>(
    Prisma.sql`d.id, d."eventId", e.type, d.status, d.attempts, d."responseStatus", d."responseBody", d.error, d."createdAt", d."lastAttemptAt", d."nextAttemptAt", d."deliveredAt"`,
    Prisma.sql`"admit"."webhook_delivery" d JOIN "admit"."webhook_event" e ON e.id = d."eventId"
    WHERE d."endpointId" = ${id}
      AND (${statuses.length === 0} OR d.status = ANY(${statuses}::text[]))
      AND (${p.q === ""} OR e.type LIKE ${`${escapeLike(p.q)}%`} OR e.id = ${p.q})`,
    sortOrder(p.sort, { createdAt: "d.seq" }, "d.id"),
    skip,
    take,
  );
  return {
    endpoint: { ...endpoint, createdAt: endpoint.createdAt.toISOString(), disabledAt: endpoint.disabledAt?.toISOString() ?? null },
    deliveries: toPage(
      rows.map((d) => ({
        id: d.id,
        eventId: d.eventId,
        type: d.type,
        status: d.status,
        attempts: d.attempts,
        responseStatus: d.responseStatus,
        responseBody: d.responseBody,
        error: d.error,
        createdAt: d.createdAt.toISOString(),
        lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
        nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
        deliveredAt: d.deliveredAt?.toISOString() ?? null,
      })),
      rowCount,
      take,
    ),
  };
}
export type WebhookDeliveryRow = Awaited<ReturnType<typeof getWebhookEndpoint>>["deliveries"]["rows"][number];
