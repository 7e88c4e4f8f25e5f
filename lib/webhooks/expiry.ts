/**
 * `invitation.expired` is announced when an invitation's time runs out (nothing changes in the database then,
 * so no audited change can announce it): the worker asks every minute for the pending invitations whose expiry
 * passed since the last ask, and emits one event each, moving the mark in the same transaction (the mark's row is
 * locked, so two workers never announce the same expiry twice). The first run starts from now: expiries from
 * before Admit announced them are not replayed.
 */
import { prisma } from "@/lib/db";
import { emitWebhookEvents } from "./emit";

const MARK = "invitations-expired-until";
const BATCH = 5000;

export async function announceExpiredInvitations(now = new Date()) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO "admit"."job_mark" (key, value) VALUES (${MARK}, ${now}) ON CONFLICT (key) DO NOTHING`;
    const [mark] = await tx.$queryRaw<{ value: Date }[]>`SELECT value FROM "admit"."job_mark" WHERE key = ${MARK} FOR UPDATE`;
    const expired = await tx.$queryRaw<{ id: string; email: string; organizationId: string; role: string | null; expiresAt: Date; inviterId: string }[]>`
      SELECT id, email, "organizationId", role, "expiresAt", "inviterId" FROM "invitation"
      WHERE status = 'pending' AND "expiresAt" > ${mark.value} AND "expiresAt" <= ${now}
      ORDER BY "expiresAt", id LIMIT ${BATCH}`;
    const until = expired.length === BATCH ? expired[expired.length - 1].expiresAt : now;
    await emitWebhookEvents(
      tx,
      expired.filter((i) => i.expiresAt <= until).map((i) => ({
        type: "invitation.expired" as const,
        organizationId: i.organizationId,
        data: { target: { type: "invitation", id: i.id, label: i.email }, actor: null, details: { role: i.role ?? "member", expiresAt: i.expiresAt.toISOString(), inviterId: i.inviterId } },
      })),
    );
    await tx.$executeRaw`UPDATE "admit"."job_mark" SET value = ${until} WHERE key = ${MARK}`;
    return expired.filter((i) => i.expiresAt <= until).length;
  });
}
