import { randomUUID } from "node:crypto";
import type { Prisma, Tx } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import { emitWebhookEvents, type WebhookEventInput } from "@/lib/webhooks/emit";
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

function row(ctx: AuditContext, entry: AuditEntry): Prisma.AuditEventCreateManyInput {
  return {
    actorId: ctx.actor?.userId || null,
    actorEmail: ctx.actor?.email ?? null,
    impersonatorId: ctx.actor?.impersonatedBy ?? null,
    action: entry.action,
    organizationId: entry.organizationId ?? null,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    targetLabel: entry.target?.label ?? null,
    metadata: entry.metadata ?? {},
    ipAddress: ctx.ipAddress ?? null,
    userAgent: ctx.userAgent?.slice(0, 512) ?? null,
    apiKeyId: ctx.actor?.key?.id ?? null,
  };
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
 * Record audit events inside the caller's transaction, so they commit or roll back with the change; the
 * changes webhooks report are announced in the same transaction (lib/webhooks/emit.ts).
 */
export async function recordAudit(tx: Tx, ctx: AuditContext, entries: AuditEntry | AuditEntry[]) {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.auditEvent.createMany({ data: list.map((e) => row(ctx, e)) });
  await emitWebhookEvents(tx, list.flatMap((e) => announced(ctx, e)));
}

/**
 * The same rows for many invitations at once, as one INSERT from arrays: requests with thousands of
 * invitations would otherwise spend most of their time here.
 */
export async function recordInvitationAudit(
  tx: Tx,
  ctx: AuditContext,
  organizationId: string,
  rows: { action: string; id: string; label: string; metadata: Record<string, unknown> }[],
) {
  if (!rows.length) return;
  await tx.$executeRaw`
    INSERT INTO "admit"."audit_event" (id, "createdAt", "actorId", "actorEmail", "impersonatorId", action, "targetType", "targetId", "targetLabel", "organizationId", metadata, "ipAddress", "userAgent", "apiKeyId")
    SELECT r.id::text, now(), ${ctx.actor?.userId ?? null}, ${ctx.actor?.email ?? null}, ${ctx.actor?.impersonatedBy ?? null}, r.action, 'invitation', r.target, r.label,
           ${organizationId}, r.metadata::jsonb, ${ctx.ipAddress ?? null}, ${ctx.userAgent?.slice(0, 512) ?? null}, ${ctx.actor?.key?.id ?? null}
    FROM unnest(${rows.map(() => randomUUID())}::text[], ${rows.map((r) => r.action)}::text[], ${rows.map((r) => r.id)}::text[],
                ${rows.map((r) => r.label)}::text[], ${rows.map((r) => JSON.stringify(r.metadata))}::text[])
      AS r(id, action, target, label, metadata)`;
  await emitWebhookEvents(
    tx,
    rows.flatMap((r) => announced(ctx, { action: r.action, organizationId, target: { type: "invitation", id: r.id, label: r.label }, metadata: r.metadata as Prisma.InputJsonValue })),
  );
}
