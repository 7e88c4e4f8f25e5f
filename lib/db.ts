import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PostgresBulk, Query } from "better-auth-admit";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { logWarn } from "@/lib/log";

export { Prisma };
/** An interactive-transaction client, as handed to `prisma.$transaction(async (tx) => ...)`. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// Times are UTC whatever the server's time zone, as Prisma has them: pg would send a Date as local time and read
// a timestamp without a time zone (an application's Prisma-made tables have them) as local time.
pg.defaults.parseInputDatesAsUTC = true;
const utcTimestamp = (s: string) => new Date(`${s.replace(" ", "T")}Z`);
const UTC_TYPES: Record<number, (s: string) => unknown> = { 1114: utcTimestamp, 1082: (s) => new Date(`${s}T00:00:00Z`) };
const poolTypes = { getTypeParser: (oid: number, format?: string) => UTC_TYPES[oid] ?? pg.types.getTypeParser(oid, format as "text") };

/**
 * The connection pool: better-auth's tables are read through Admit's views first (lib/database/app-views.ts),
 * and times are UTC (the session's time zone and the pool's parsers). Prisma's adapter brings its own parsers.
 */
export function createPool(url = env.databaseUrl) {
  const config = parseIntoClientConfig(url);
  const options = `${config.options ?? ""} -c search_path=admit,public -c TimeZone=UTC`.trim();
  const pool = new pg.Pool({ ...config, options, allowExitOnIdle: true, types: poolTypes as pg.CustomTypesConfig });
  // An idle connection the server closed (a restart, a stopped embedded database) is dropped, not fatal.
  pool.on("error", (e) => logWarn("db", `idle connection closed: ${e.message}`));
  return pool;
}

/**
 * The plain driver adapter on a pool (the catalog workarounds in prisma/pg-adapter.ts are for migrations only).
 * A client made with its own pool closes it on `$disconnect`; the process-wide one shares `pool()`, closed by
 * `disconnect` below.
 */
export function createPrisma(url = env.databaseUrl, shared?: pg.Pool) {
  return new PrismaClient({ adapter: new PrismaPg(shared ?? createPool(url), { disposeExternalPool: !shared }) });
}

const g = globalThis as unknown as { __admitPrisma?: PrismaClient; __admitPool?: pg.Pool };
const pool = () => (g.__admitPool ??= createPool());

/**
 * better-auth's database (lib/auth.ts): its Kysely adapter on the pool Prisma and `queryRows` share, through
 * `connect` so the pool may be closed and made again (`disconnect` below) under a long-lived auth instance.
 */
export const authDatabase = { connect: () => pool().connect(), end: async () => {} };

/**
 * The process-wide client. Created on first use, not on import: `next build` imports server modules
 * without a database, and the launcher sets DATABASE_URL for the embedded database before first use.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    if (prop === "$disconnect") return disconnect;
    const client = (g.__admitPrisma ??= createPrisma(env.databaseUrl, pool()));
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** Closes the client and its pool (scripts, tests); the next use opens new ones. */
async function disconnect() {
  const [client, open] = [g.__admitPrisma, g.__admitPool];
  g.__admitPrisma = g.__admitPool = undefined;
  await client?.$disconnect();
  await open?.end();
}

// What `prisma.$queryRaw` answers, so a read can move between the two unchanged: the pool's UTC times, and
// int8 as a BigInt.
const RAW_TYPES: Record<number, (s: string) => unknown> = { ...UTC_TYPES, 20: (s) => BigInt(s) };
const rawTypes = { getTypeParser: (oid: number, format?: string) => RAW_TYPES[oid] ?? pg.types.getTypeParser(oid, format as "text") };

/**
 * A statement on the hot paths (the session reader, list pages, the link exchange): the same statement as
 * `prisma.$queryRaw`, sent on the same pool without the ORM's per-query work (about 0.5 ms a query here;
 * bench/README.md, scenario 8). Other writes and transactions stay on Prisma (`sqlTransaction` below for a hot one).
 */
export async function queryRows<T = unknown>(query: Prisma.Sql, options?: { prepared?: boolean }): Promise<T> {
  const name = options?.prepared ? statementName(query.text) : undefined;
  try {
    return (await pool().query({ name, text: query.text, values: query.values, types: rawTypes })).rows as T;
  } catch (e) {
    if (!name || !forgetKept(e, query.text)) throw e;
    return (await pool().query({ text: query.text, values: query.values, types: rawTypes })).rows as T;
  }
}

/**
 * Kept (prepared) statements. `prepared` is for statements whose values are keys only (an id, a token), so one
 * plan suits every call: PostgreSQL parses them once per connection and, after a few calls, keeps a generic plan.
 * The campaign's funnel, planned afresh, costs 2 ms of PostgreSQL's time; kept, 0.4 ms (bench/README.md,
 * scenario 8). Never for a filter or search text, whose best plan depends on its value, and never `SELECT *` (a
 * column added would cost the kept statement a refused try). At most `MAX_STATEMENTS` texts per copy of this
 * module; past them, statements go unnamed.
 */
const MAX_STATEMENTS = 100;
const statementNames = new Map<string, string | null>();
function statementName(text: string): string | undefined {
  // Behind a pooler in transaction mode (`?pgbouncer=true` in DATABASE_URL, Prisma's spelling of it), each
  // transaction may reach another server connection, which never saw the statement: none is named.
  if ((pool().options as { pgbouncer?: string }).pgbouncer === "true") return undefined;
  let name = statementNames.get(text);
  // Named after the text itself: the pool is one per process (`globalThis`), but this module may be loaded more
  // than once (the server's bundles and the in-process worker's), and a name must never stand for two texts.
  if (name === undefined && statementNames.size < MAX_STATEMENTS) statementNames.set(text, (name = `admit_${createHash("sha256").update(text).digest("base64url")}`));
  return name ?? undefined;
}

/**
 * PostgreSQL refuses a kept statement once a table under it changed a column's type ("cached plan must not change
 * result type", 0A000): true when `e` is that refusal, and the text is then never named again. (pg closes the
 * connection that failed, and the statement with it.)
 */
function forgetKept(e: unknown, text: string) {
  if ((e as { code?: string }).code !== "0A000") return false;
  statementNames.set(text, null);
  return true;
}

/**
 * A list page's rows and the total of its filter in one statement (`count(*) OVER ()`, one snapshot, so the pager
 * agrees with the page). Past the last page no row carries the total, so it is counted alone: the pager still
 * says how many there are. `select` lists the columns, `from` the tables and the WHERE, `order` the ORDER BY.
 */
export async function queryPage<T>(select: Prisma.Sql, from: Prisma.Sql, order: Prisma.Sql, skip: number, take: number, options?: { prepared?: boolean }): Promise<{ rows: T[]; rowCount: number }> {
  const rows = await queryRows<(T & { pageTotal: number })[]>(Prisma.sql`SELECT ${select}, count(*) OVER ()::int AS "pageTotal" FROM ${from} ORDER BY ${order} OFFSET ${skip} LIMIT ${take}`, options);
  const rowCount = rows[0]?.pageTotal ?? (skip > 0 ? (await queryRows<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM ${from}`, options))[0].n : 0);
  return { rows: rows.map(({ pageTotal: _, ...row }) => row as T), rowCount };
}

/**
 * A list's ORDER BY from its parsed sort (lib/data-table/params.ts#parseAsSort): the sort's column as `columns`
 * spells it in SQL (only those strings reach the statement), then `tiebreak` ascending, so pages never overlap.
 */
export function sortOrder<C extends string>(sort: { id: C; desc: boolean }, columns: Record<C, string>, tiebreak: string): Prisma.Sql {
  return Prisma.raw(`${columns[sort.id]} ${sort.desc ? "DESC" : "ASC"}, ${tiebreak} ASC`);
}

/** What writes made of raw SQL need of a transaction: Prisma's `tx` (or `prisma`) has it, and so has `sqlTransaction`'s. */
export type SqlTx = Pick<Tx, "$executeRaw" | "$queryRaw">;

/**
 * A short write on a hot path (the link exchange) as one transaction on the shared pool, without the ORM's
 * per-query work: `fn` gets `$executeRaw` / `$queryRaw` with Prisma's tagged-template shape and result types,
 * so the same helpers (`recordAudit`, `emitWebhookEvents`) run in it or in a Prisma transaction unchanged.
 */
export function sqlTransaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
  return attemptTransaction(fn, false);
}

async function attemptTransaction<T>(fn: (tx: SqlTx) => Promise<T>, retried: boolean): Promise<T> {
  const client = await pool().connect();
  let last = "";
  // Its statements are kept prepared (`statementName`): the few writes of the hot path, the same every time.
  const run = async (strings: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    const query = strings instanceof Prisma.Sql ? strings : Prisma.sql(strings, ...values);
    last = query.text;
    return client.query({ name: statementName(query.text), text: query.text, values: query.values, types: rawTypes });
  };
  const tx = {
    $executeRaw: async (strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await run(strings, values)).rowCount ?? 0,
    $queryRaw: async (strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await run(strings, values)).rows,
  } as unknown as SqlTx;
  try {
    await client.query("BEGIN");
    const result = await fn(tx);
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (e) {
    // A connection that cannot even roll back is closed, not put back in the pool.
    const clean = await client.query("ROLLBACK").then(() => true, () => false);
    client.release(clean ? undefined : true);
    // A kept statement refused (`forgetKept`): the transaction, rolled back, runs once more.
    if (retried || !forgetKept(e, last)) throw e;
    return attemptTransaction(fn, true);
  }
}

/**
 * Advisory locks, in one place: held until the transaction ends. `lockFor` waits for the key; `tryLockFor`
 * answers false at once when another transaction holds it.
 */
export async function lockFor(tx: Tx, key: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

export async function tryLockFor(tx: Tx, key: string): Promise<boolean> {
  const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) AS locked`;
  return locked;
}

/**
 * Admit's transaction as better-auth-admit's PostgreSQL bulk path (packages/better-auth-admit): the caller's
 * `tx` when it has one, else a new transaction. `tx()` is that transaction once the package has opened it,
 * so Admit's audit rows commit with the package's writes (its `beforeCommit`).
 */
export function transactionAsBulk(existing?: Tx, options = { timeout: 60_000, maxWait: 30_000 }) {
  let current: Tx | undefined = existing;
  const query = (on: Tx): Query => ((text: string, params: unknown[] = []) => on.$queryRawUnsafe(text, ...params)) as Query;
  const bulk: PostgresBulk = {
    transaction: (fn) => (existing ? fn(query(existing)) : prisma.$transaction((t) => fn(query((current = t))), options)),
  };
  return { bulk, tx: () => current! };
}
