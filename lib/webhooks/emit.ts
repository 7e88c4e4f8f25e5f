/**
 * Writes events and their deliveries in the caller's transaction: one statement, whatever the number of events,
 * and only for enabled endpoints that want them (an event nobody subscribed to is not kept). The payload is
 * Standard Webhooks' shape: `{ type, timestamp, data }`; the event's id is the `webhook-id` of every delivery.
 */
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import type { WebhookEventType } from "./events";

export interface WebhookEventInput {
  type: WebhookEventType;
  organizationId: string | null;
  data: Record<string, unknown>;
}

export async function emitWebhookEvents(tx: Tx, events: WebhookEventInput[]) {
  if (!events.length) return;
  const timestamp = new Date().toISOString();
  const ids = events.map(() => `msg_${randomUUID().replaceAll("-", "")}`);
  await tx.$executeRaw`
    WITH ev AS (
      SELECT * FROM unnest(${ids}::text[], ${events.map((e) => e.type)}::text[], ${events.map((e) => e.organizationId)}::text[],
                           ${events.map((e) => JSON.stringify({ type: e.type, timestamp, data: { ...e.data, organizationId: e.organizationId } }))}::text[])
        WITH ORDINALITY AS e(id, type, org, payload, n)
    ), wanted AS (
      SELECT ev.*, ep.id AS endpoint_id FROM ev
      JOIN "admit"."webhook_endpoint" ep ON ep.enabled
        AND (cardinality(ep.events) = 0 OR ev.type = ANY(ep.events))
        AND (ep."organizationId" IS NULL OR ep."organizationId" = ev.org)
    ), stored AS (
      INSERT INTO "admit"."webhook_event" (id, type, "organizationId", payload, "createdAt")
      SELECT DISTINCT ON (id) id, type, org, payload::jsonb, now() FROM wanted
    )
    INSERT INTO "admit"."webhook_delivery" (id, "eventId", "endpointId", status, "nextAttemptAt", "createdAt")
    SELECT gen_random_uuid()::text, w.id, w.endpoint_id, 'pending', now(), now() FROM wanted w ORDER BY w.n, w.endpoint_id`;
}
