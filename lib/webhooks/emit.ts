/**
 * Writes events and their deliveries in the caller's transaction, only for enabled endpoints that want them (an
 * event nobody subscribed to is not kept): one small read of the enabled endpoints (made with the audit row's
 * INSERT when recordAudit announces a change; nothing more when there are none, the common case), then one
 * statement for the events and their deliveries, whatever their number. The payload is Standard Webhooks' shape:
 * `{ type, timestamp, data }`; the event's id is the `webhook-id` of every delivery.
 */
import { randomUUID } from "node:crypto";
import { Prisma, type SqlTx } from "@/lib/db";
import type { WebhookEventType } from "./events";

export interface WebhookEventInput {
  type: WebhookEventType;
  organizationId: string | null;
  data: Record<string, unknown>;
}

export type Endpoint = { id: string; events: string[]; organizationId: string | null };
/** What deciding who wants an event reads of an endpoint (recordAudit reads it with its INSERT). */
export const ENDPOINT_COLUMNS = Prisma.sql`id, events, "organizationId"`;
const wants = (ep: Endpoint, e: WebhookEventInput) => (ep.events.length === 0 || ep.events.includes(e.type)) && (ep.organizationId === null || ep.organizationId === e.organizationId);

/** `enabled`: the enabled endpoints when the caller read them in this transaction already (recordAudit does). */
export async function emitWebhookEvents(tx: SqlTx, events: WebhookEventInput[], enabled?: Endpoint[]) {
  if (!events.length) return;
  const endpoints = enabled ?? (await tx.$queryRaw<Endpoint[]>`SELECT ${ENDPOINT_COLUMNS} FROM "admit"."webhook_endpoint" WHERE enabled`);
  if (!endpoints.length) return;
  const timestamp = new Date().toISOString();
  const stored: { id: string; event: WebhookEventInput }[] = [];
  const deliveries: { eventId: string; endpointId: string }[] = [];
  for (const event of events) {
    const to = endpoints.filter((ep) => wants(ep, event));
    if (!to.length) continue;
    const id = `msg_${randomUUID().replaceAll("-", "")}`;
    stored.push({ id, event });
    for (const ep of to) deliveries.push({ eventId: id, endpointId: ep.id });
  }
  if (!stored.length) return;
  await tx.$executeRaw`
    WITH stored AS (
      INSERT INTO "admit"."webhook_event" (id, type, "organizationId", payload, "createdAt")
      SELECT id, type, org, payload::jsonb, now()
      FROM unnest(${stored.map((s) => s.id)}::text[], ${stored.map((s) => s.event.type)}::text[], ${stored.map((s) => s.event.organizationId)}::text[],
                  ${stored.map((s) => JSON.stringify({ type: s.event.type, timestamp, data: { ...s.event.data, organizationId: s.event.organizationId } }))}::text[]) AS e(id, type, org, payload)
    )
    INSERT INTO "admit"."webhook_delivery" (id, "eventId", "endpointId", status, "nextAttemptAt", "createdAt")
    SELECT gen_random_uuid()::text, d.event_id, d.endpoint_id, 'pending', now(), now()
    FROM unnest(${deliveries.map((d) => d.eventId)}::text[], ${deliveries.map((d) => d.endpointId)}::text[]) WITH ORDINALITY AS d(event_id, endpoint_id, n)
    ORDER BY d.n`;
}
