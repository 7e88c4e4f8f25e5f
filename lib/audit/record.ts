import type { Prisma, Tx } from "@/lib/db";
import type { Actor } from "@/lib/permissions";

/** Who did something and from where: passed from actions (or scripts) into domain functions. */
export interface ActorContext {
  /** null for system work (scripts, jobs without a person behind them). */
  actor: Actor | null;
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

function row(ctx: ActorContext, entry: AuditEntry): Prisma.AuditEventCreateManyInput {
  return {
    actorId: ctx.actor?.userId ?? null,
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
  };
}

/** Record audit events inside the caller's transaction, so they commit or roll back with the change. */
export async function recordAudit(tx: Tx, ctx: ActorContext, entries: AuditEntry | AuditEntry[]) {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.auditEvent.createMany({ data: list.map((e) => row(ctx, e)) });
}
