import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { cachedFacets, scopeKey } from "@/lib/data-table/facet-cache";
import { pageWindow, toPage } from "@/lib/data-table/params";
import { prisma, Prisma, queryRows } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize, scopeOf, scopeWhere, type Actor } from "@/lib/permissions";
import { auditSearchParams } from "./schema";
import { checkAuditChains } from "./verify";

export const loadAuditParams = createLoader(auditSearchParams);

/** The audit page's filters (search, actions) inside the reader's scope, for the page and its export alike. */
async function auditFilter(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "audit:read");
  const scope = scopeOf(actor, "audit:read");
  const p = await loadAuditParams(searchParams);
  const scoped: Prisma.AuditEventWhereInput = scopeWhere(scope);
  const where: Prisma.AuditEventWhereInput = {
    AND: [
      scoped,
      p.action.length ? { action: { in: p.action } } : {},
      p.q
        ? {
            OR: [
              { actorEmail: { contains: p.q, mode: "insensitive" } },
              { targetLabel: { contains: p.q, mode: "insensitive" } },
              { action: { contains: p.q, mode: "insensitive" } },
            ],
          }
        : {},
    ],
  };
  return { p, scope, scoped, where };
}

export async function listAuditEvents(actor: Actor | null, searchParams: SearchParams) {
  const { p, scope, scoped, where } = await auditFilter(actor, searchParams);
  const { skip, take } = pageWindow(p.page, p.perPage);
  const [rows, rowCount, actions] = await Promise.all([
    prisma.auditEvent.findMany({ where, orderBy: [{ createdAt: p.sort.desc ? "desc" : "asc" }, { id: "asc" }], skip, take }),
    prisma.auditEvent.count({ where }),
    // The action filter's options and counts, kept a few seconds per scope (a count over the whole log).
    cachedFacets(`audit:${scopeKey(scope)}`, () => prisma.auditEvent.groupBy({ by: ["action"], where: scoped, _count: { _all: true }, orderBy: { action: "asc" } })),
  ]);
  const orgIds = [...new Set(rows.map((r) => r.organizationId).filter((id): id is string => !!id))];
  const impersonatorIds = [...new Set(rows.map((r) => r.impersonatorId).filter((id): id is string => !!id))];
  const keyIds = [...new Set(rows.map((r) => r.apiKeyId).filter((id): id is string => !!id))];
  // The page's organization names, impersonators' addresses and API keys' names in one statement.
  const names = orgIds.length + impersonatorIds.length + keyIds.length
    ? await queryRows<{ kind: "org" | "user" | "key"; id: string; label: string }[]>(Prisma.sql`
        SELECT 'org' AS kind, id, name AS label FROM "organization" WHERE id = ANY(${orgIds}::text[])
        UNION ALL SELECT 'user', id, email FROM "user" WHERE id = ANY(${impersonatorIds}::text[])
        UNION ALL SELECT 'key', id, coalesce(name, start, id) FROM "admit"."apikey" WHERE id = ANY(${keyIds}::text[])`)
    : [];
  const label = (kind: string) => new Map(names.filter((n) => n.kind === kind).map((n) => [n.id, n.label]));
  const [orgName, impersonatorEmail, keyName] = [label("org"), label("user"), label("key")];
  return {
    ...toPage(
      rows.map((r) => ({
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        actorEmail: r.actorEmail ?? "system",
        impersonatorEmail: r.impersonatorId ? (impersonatorEmail.get(r.impersonatorId) ?? r.impersonatorId) : null,
        apiKey: r.apiKeyId ? (keyName.get(r.apiKeyId) ?? "deleted key") : null,
        action: r.action,
        target: r.targetLabel ?? r.targetId,
        targetType: r.targetType,
        organization: r.organizationId ? (orgName.get(r.organizationId) ?? "deleted organization") : null,
        metadata: r.metadata,
        ipAddress: r.ipAddress,
      })),
      rowCount,
      take,
    ),
    actions: actions.map((a) => ({ value: a.action, label: a.action, count: (a._count as { _all: number })._all })),
  };
}
export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>["rows"][number];

/** A position in the audit log, newest first: the last event's time and id, opaque to clients. */
function auditCursor(event: { createdAt: Date; id: string }) {
  return Buffer.from(`${event.createdAt.toISOString()}|${event.id}`).toString("base64url");
}

function readCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(at ?? "");
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

/**
 * The HTTP API's audit log: newest first, in the reader's scope, by cursor (stable while events are added:
 * a page never repeats or skips one). `next` is null on the last page.
 */
export async function auditEventsAfter(actor: Actor | null, input: { cursor?: string; limit: number; action?: string[]; organizationId?: string; apiKeyId?: string }) {
  await authorize(actor, "audit:read", input.organizationId ? { organizationId: input.organizationId } : {});
  const scope = scopeOf(actor, "audit:read");
  const after = input.cursor ? readCursor(input.cursor) : null;
  if (input.cursor && !after) throw new AppError("The cursor is not one this API gave.", 422, "validation_failed");
  const rows = await prisma.auditEvent.findMany({
    where: {
      AND: [
        scopeWhere(scope),
        input.organizationId ? { organizationId: input.organizationId } : {},
        input.action?.length ? { action: { in: input.action } } : {},
        input.apiKeyId ? { apiKeyId: input.apiKeyId } : {},
        after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {},
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  return {
    events: page.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      action: r.action,
      actorId: r.actorId,
      actorEmail: r.actorEmail,
      impersonatorId: r.impersonatorId,
      apiKeyId: r.apiKeyId,
      organizationId: r.organizationId,
      target: r.targetType && r.targetId ? { type: r.targetType, id: r.targetId, label: r.targetLabel } : null,
      metadata: r.metadata,
      ipAddress: r.ipAddress,
    })),
    next: rows.length > input.limit ? auditCursor(page[page.length - 1]) : null,
  };
}

export const AUDIT_EXPORT_COLUMNS = ["id", "createdAt", "action", "actorId", "actorEmail", "impersonatorId", "apiKeyId", "organizationId", "targetType", "targetId", "targetLabel", "ipAddress", "userAgent", "metadata", "chain", "seq", "prevHash", "hash"] as const;

/**
 * The audit log as the page filters it, newest first, for download: authorized before the first byte, then read
 * 1,000 events at a time by keyset (constant memory whatever the size; events added meanwhile are not included).
 */
export async function exportAuditEvents(actor: Actor | null, searchParams: SearchParams) {
  const { where } = await auditFilter(actor, searchParams);
  const startedAt = new Date();
  return (async function* batches() {
    let after: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const rows: Prisma.AuditEventGetPayload<object>[] = await prisma.auditEvent.findMany({
        where: { AND: [where, { createdAt: { lte: startedAt } }, after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}] },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 1000,
      });
      if (!rows.length) return;
      yield rows;
      after = rows[rows.length - 1];
    }
  })();
}

/** The integrity page: every chain checked (lib/audit/verify.ts); platform admins only (`audit:verify`). */
export async function verifyAuditLog(actor: Actor | null) {
  await authorize(actor, "audit:verify");
  return checkAuditChains();
}
