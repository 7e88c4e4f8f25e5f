/**
 * Webhook history is kept RETENTION_DAYS: finished deliveries (succeeded or failed) older than that are removed,
 * then the events no delivery refers to any more. Pending deliveries are never removed. The worker calls it hourly.
 */
import { prisma } from "@/lib/db";

export const RETENTION_DAYS = 30;

export async function pruneWebhookHistory() {
  const deliveries = await prisma.$executeRaw`
    DELETE FROM "admit"."webhook_delivery" WHERE status IN ('succeeded', 'failed') AND "createdAt" < now() - make_interval(days => ${RETENTION_DAYS})`;
  const events = await prisma.$executeRaw`
    DELETE FROM "admit"."webhook_event" e WHERE e."createdAt" < now() - make_interval(days => ${RETENTION_DAYS})
      AND NOT EXISTS (SELECT 1 FROM "admit"."webhook_delivery" d WHERE d."eventId" = e.id)`;
  return { deliveries, events };
}
