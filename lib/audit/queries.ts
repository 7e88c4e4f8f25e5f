import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { cachedFacets, scopeKey } from "@/lib/data-table/facet-cache";
import { escapeLike, pageWindow, toPage } from "@/lib/data-table/params";
import { Prisma, queryPage, queryRows, sortOrder } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize, scopeOf, type Actor } from "@/lib/permissions";
import { scopeSql } from "@/lib/scope-sql";
import { auditSearchParams } from "./schema";
import { checkAuditChains } from "./verify";

export const loadAuditParams = createLoader(auditSearchParams);

/** The audit page's filters (search, actions) inside the reader's scope, as SQL on `e`: for the page and its export alike. */
async function auditFilter(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "audit:read");
  const scope = scopeOf(actor, "audit:read");
  const p = await loadAuditParams(searchParams);
  const scoped = scopeSql(scope, `e."organizationId"`);
  const and = [scoped];
  if (p.action.length) and.push(Prisma.sql`e.action = ANY(${p.action}::text[])`);
  if (p.q) {
    const like = `%${escapeLike(p.q)}%`;
    and.push(Prisma.sql`(e."actorEmail" ILIKE ${like} OR e."targetLabel" ILIKE ${like} OR e.action ILIKE ${like})`);
  }
  return { p, scope, scoped, where: Prisma.join(and, " AND ") };
}

/**
 * The audit table in one statement (`queryPage`) with the action filter's counts (cached per scope): each event
 * with its organization's name, its impersonator's address and its API key's name, looked up for the page's rows
 * only (subqueries in the select list run after the LIMIT; joins would run over every matching event).
 */
export async function listAuditEvents(actor: Actor | null, searchParams: SearchParams) {
  const { p, scope, scoped, where } = await auditFilter(actor, searchParams);
  const { skip, take } = pageWindow(p.page, p.perPage);
  type Row = { id: string; createdAt: Date; actorEmail: string | null; impersonatorId: string | null; impersonatorEmail: string | null; apiKeyId: string | null; apiKeyName: string | null; action: string; targetLabel: string | null; targetId: string | null; targetType: string | null; organizationId: string | null; organizationName: string | null; metadata: Prisma.JsonValue; ipAddress: string | null };
  const [{ rows, rowCount }, actions] = await Promise.all([
    queryPage<Row>(
      Prisma.sql`e.id, e."createdAt", e."actorEmail", e."impersonatorId", (SELECT u.email FROM "user" u WHERE u.id = e."impersonatorId") AS "impersonatorEmail",
             e."apiKeyId", (SELECT coalesce(k.name, k.start, k.id) FROM "admit"."apikey" k WHERE k.id = e."apiKeyId") AS "apiKeyName",
             e.action, e."targetLabel", e."targetId", e."targetType", e."organizationId", (SELECT o.name FROM "organization" o WHERE o.id = e."organizationId") AS "organizationName",
             e.metadata, e."ipAddress"`,
      Prisma.sql`"admit"."audit_event" e WHERE ${where}`,
      sortOrder(p.sort, { createdAt: `e."createdAt"` }, "e.id"),
      skip,
      take,
    ),
    // The action filter's options and counts, kept a few seconds per scope (a count over the whole log).
    cachedFacets(`audit:${scopeKey(scope)}`, () =>
      queryRows<{ value: string; count: number }[]>(Prisma.sql`SELECT e.action AS value, count(*)::int AS count FROM "admit"."audit_event" e WHERE ${scoped} GROUP BY e.action ORDER BY e.action`),
    ),
  ]);
  return {
    ...toPage(
      rows.map((r) => ({
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        actorEmail: r.actorEmail ?? "system",
        impersonatorEmail: r.impersonatorId ? (r.impersonatorEmail ?? r.impersonatorId) : null,
        apiKey: r.apiKeyId ? (r.apiKeyName ?? "deleted key") : null,
        action: r.action,
        target: r.targetLabel ?? r.targetId,
        targetType: r.targetType,
        organization: r.organizationId ? (r.organizationName ?? "deleted organization") : null,
        metadata: r.metadata,
        ipAddress: r.ipAddress,
      })),
      rowCount,
      take,
    ),
    actions: actions.map((a) => ({ value: a.value, label: a.value, count: a.count })),
  };
}
export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>["rows"][number];

/**
 * A position in the audit log, newest first: an event's time to the microsecond (as PostgreSQL writes it: a
 * JavaScript Date keeps milliseconds, and events recorded together share one) and its id. Opaque to clients.
 */
type Position = { at: string; id: string };

function auditCursor(position: Position) {
  return Buffer.from(`${position.at}|${position.id}`).toString("base64url");
}

/** A cursor this API gave (a UTC time to the microsecond, or to the millisecond as earlier cursors had it, and an id), or null. */
function readCursor(cursor: string): Position | null {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d{1,6})?Z$/.exec(at ?? "");
  if (!id || !m) return null;
  const date = new Date(`${m[1]}T${m[2]}Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(`${m[1]}T${m[2]}`) ? { at: at!, id } : null;
}

/** An event's position: its time to the microsecond, whatever the session's DateStyle. */
const AT = Prisma.raw(`to_char(e."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`);

/** The events after a position, newest first (the same order as `ORDER BY e."createdAt" DESC, e.id DESC`). */
const before = (position: Position | null) => (position ? Prisma.sql`(e."createdAt", e.id) < (${position.at}::timestamptz, ${position.id})` : Prisma.sql`true`);

/**
 * The HTTP API's audit log: newest first, in the reader's scope, by cursor (stable while events are added:
 * a page never repeats or skips one). `next` is null on the last page.
 */
export async function auditEventsAfter(actor: Actor | null, input: { cursor?: string; limit: number; action?: string[]; organizationId?: string; apiKeyId?: string }) {
  await authorize(actor, "audit:read", input.organizationId ? { organizationId: input.organizationId } : {});
  const scope = scopeOf(actor, "audit:read");
  const after = input.cursor ? readCursor(input.cursor) : null;
  if (input.cursor && !after) throw new AppError("The cursor is not one this API gave.", 422, "validation_failed");
  const and = [scopeSql(scope, `e."organizationId"`), before(after)];
  if (input.organizationId) and.push(Prisma.sql`e."organizationId" = ${input.organizationId}`);
  if (input.action?.length) and.push(Prisma.sql`e.action = ANY(${input.action}::text[])`);
  if (input.apiKeyId) and.push(Prisma.sql`e."apiKeyId" = ${input.apiKeyId}`);
  const rows = await queryRows<(Prisma.AuditEventGetPayload<object> & { at: string })[]>(Prisma.sql`
    SELECT e.*, ${AT} FROM "admit"."audit_event" e WHERE ${Prisma.join(and, " AND ")}
    ORDER BY e."createdAt" DESC, e.id DESC LIMIT ${input.limit + 1}`);
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
    let after: Position | null = null;
    for (;;) {
      const rows: (Prisma.AuditEventGetPayload<object> & { at: string })[] = await queryRows(Prisma.sql`
        SELECT e.*, ${AT} FROM "admit"."audit_event" e WHERE ${where} AND e."createdAt" <= ${startedAt} AND ${before(after)}
        ORDER BY e."createdAt" DESC, e.id DESC LIMIT 1000`);
      if (!rows.length) return;
      yield rows.map(({ at: _, ...event }) => event);
      after = rows[rows.length - 1];
    }
  })();
}

/** The integrity page: every chain checked (lib/audit/verify.ts); platform admins only (`audit:verify`). */
export async function verifyAuditLog(actor: Actor | null) {
  await authorize(actor, "audit:verify");
  return checkAuditChains();
}
