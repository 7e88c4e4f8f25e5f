import { randomUUID } from "node:crypto";
import { Prisma, type SqlTx } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import { emitWebhookEvents, ENDPOINT_COLUMNS, type Endpoint, type WebhookEventInput } from "@/lib/webhooks/emit";
import { AUDIT_EVENTS } from "@/lib/webhooks/events";

/** Who did something and from where: passed from actions (or scripts) into domain functions. */
export interface ActorContext {
  /** null for system work (scripts, jobs without a person behind them). */
  actor: Actor | null;
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** What the audit log needs of the person: who, who they were impersonated by, the API key they used. */
export interface AuditContext {
  actor: (Pick<Actor, "userId" | "email" | "impersonatedBy"> & { key?: Pick<NonNullable<Actor["key"]>, "id"> }) | null;
  ipAddress?: string | null;
  userAgent?: string | null;
}

export interface AuditEntry {
  action: string;
  organizationId?: string | null;
  target?: { type: string; id: string; label?: string | null };
  /** Never put secrets here: no tokens, no invitation ids used as links, no passwords. */
  metadata?: Prisma.InputJsonValue;
}

/** The webhook event an audited change is announced as (lib/webhooks/events.ts), if any. */
function announced(ctx: AuditContext, entry: AuditEntry): WebhookEventInput[] {
  const type = AUDIT_EVENTS[entry.action];
  if (!type) return [];
  return [
    {
      type,
      organizationId: entry.organizationId ?? null,
      data: {
        target: entry.target ? { type: entry.target.type, id: entry.target.id, label: entry.target.label ?? null } : null,
        actor: ctx.actor ? { id: ctx.actor.userId || null, email: ctx.actor.email ?? null, impersonatorId: ctx.actor.impersonatedBy ?? null, apiKeyId: ctx.actor.key?.id ?? null } : null,
        details: entry.metadata ?? {},
      },
    },
  ];
}

/**
 * Record audit events inside the caller's transaction (Prisma's, or `sqlTransaction`'s on a hot path), so they
 * commit or roll back with the change; the changes webhooks report are announced in the same transaction
 * (lib/webhooks/emit.ts). One INSERT from arrays, whatever the number of events: requests with thousands of
 * invitations would otherwise spend most of their time here.
 */
export async function recordAudit(tx: SqlTx, ctx: AuditContext, entries: AuditEntry | AuditEntry[]) {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const announcements = list.flatMap((e) => announced(ctx, e));
  // When the change is announced, the same round trip reads the endpoints that may want it (lib/webhooks/emit.ts).
  const endpoints = await tx.$queryRaw<Endpoint[]>`
    WITH recorded AS (
      INSERT INTO "admit"."audit_event" (id, "createdAt", "actorId", "actorEmail", "impersonatorId", action, "targetType", "targetId", "targetLabel", "organizationId", metadata, "ipAddress", "userAgent", "apiKeyId")
      SELECT r.id, clock_timestamp(), ${ctx.actor?.userId || null}, ${ctx.actor?.email ?? null}, ${ctx.actor?.impersonatedBy ?? null}, r.action, r.target_type, r.target_id, r.label,
             r.org, r.metadata::jsonb, ${ctx.ipAddress ?? null}, ${ctx.userAgent?.slice(0, 512) ?? null}, ${ctx.actor?.key?.id ?? null}
      FROM unnest(${list.map(() => randomUUID())}::text[], ${list.map((e) => e.action)}::text[], ${list.map((e) => e.target?.type ?? null)}::text[],
                  ${list.map((e) => e.target?.id ?? null)}::text[], ${list.map((e) => e.target?.label ?? null)}::text[], ${list.map((e) => e.organizationId ?? null)}::text[],
                  ${list.map((e) => JSON.stringify(e.metadata ?? {}))}::text[])
        AS r(id, action, target_type, target_id, label, org, metadata)
    )
    SELECT ${ENDPOINT_COLUMNS} FROM "admit"."webhook_endpoint" WHERE enabled AND ${announcements.length > 0}`;
  await emitWebhookEvents(tx, announcements, endpoints);
}

/** The same for many invitations of one organization (created, resent, revoked, reminded). */
export async function recordInvitationAudit(
  tx: SqlTx,
  ctx: AuditContext,
  organizationId: string,
  rows: { action: string; id: string; label: string; metadata: Record<string, unknown> }[],
) {
  await recordAudit(
    tx,
    ctx,
    rows.map((r) => ({ action: r.action, organizationId, target: { type: "invitation", id: r.id, label: r.label }, metadata: r.metadata as Prisma.InputJsonValue })),
  );
}
