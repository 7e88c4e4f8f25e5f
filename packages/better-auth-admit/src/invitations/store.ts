/**
 * Where a bulk invitation reads and writes: two stores with one interface.
 *
 *   adapterStore  the application's own better-auth adapter (memory, Kysely, Prisma, Drizzle, …), inside its
 *                 `transaction`: one row per call, so it is the portable path, not the fast one;
 *   sqlStore      PostgreSQL, one statement per step (multi-row INSERT from arrays), under a transaction-scoped
 *                 advisory lock per organization, so concurrent calls cannot both invite the same person or
 *                 overshoot the limits. Table and column names come from better-auth's schema (`modelName`,
 *                 `fieldName`), so renamed tables and snake_case columns work.
 */
import type { AuthContext } from "better-auth";
import { seatLockKey } from "../acting.ts";
import { chunks, tableNames } from "../sql.ts";

export interface NewInvitation {
  id: string | undefined;
  email: string;
  role: string;
  teamId: string | null;
  organizationId: string;
  inviterId: string;
  expiresAt: Date;
  createdAt: Date;
  /** Extra fields a `beforeCreateInvitation` hook returned. */
  extra?: Record<string, unknown>;
}

export interface InvitationStore {
  lock(organizationId: string): Promise<void>;
  /** The seat lock addMembers takes too (seatLockKey), when the organization's seats are limited. */
  lockSeats(organizationId: string): Promise<void>;
  /** Of these addresses, the ones that belong to a member of the organization. */
  memberEmails(organizationId: string, emails: string[]): Promise<Set<string>>;
  pendingInvitations(organizationId: string, emails: string[]): Promise<{ id: string; email: string; role: string; expiresAt: Date | string }[]>;
  counts(organizationId: string, now: Date): Promise<{ pending: number; members: number }>;
  /** Inserts and returns the ids (the database's when `id` was left to it). */
  insert(rows: NewInvitation[]): Promise<string[]>;
  refresh(ids: string[], expiresAt: Date): Promise<void>;
}

type Adapter = AuthContext["adapter"];

export function adapterStore(adapter: Pick<Adapter, "findMany" | "count" | "create" | "updateMany">): InvitationStore {
  return {
    async lockSeats() {},
    async lock() {
      // The adapter has no lock; the database's own constraints are all there is (README: concurrency).
    },
    async memberEmails(organizationId, emails) {
      const found = new Set<string>();
      for (const part of chunks(emails)) {
        const users = await adapter.findMany<{ id: string; email: string }>({ model: "user", where: [{ field: "email", operator: "in", value: part }], limit: part.length });
        if (!users.length) continue;
        const byId = new Map(users.map((u) => [u.id, u.email.toLowerCase()]));
        const members = await adapter.findMany<{ userId: string }>({
          model: "member",
          where: [{ field: "organizationId", value: organizationId }, { field: "userId", operator: "in", value: [...byId.keys()] }],
          limit: byId.size,
        });
        for (const m of members) found.add(byId.get(m.userId)!);
      }
      return found;
    },
    async pendingInvitations(organizationId, emails) {
      const rows: { id: string; email: string; role: string; expiresAt: Date | string }[] = [];
      for (const part of chunks(emails)) {
        rows.push(
          ...(await adapter.findMany<{ id: string; email: string; role: string; expiresAt: Date | string }>({
            model: "invitation",
            where: [{ field: "organizationId", value: organizationId }, { field: "status", value: "pending" }, { field: "email", operator: "in", value: part }],
            limit: part.length * 4,
          })),
        );
      }
      return rows;
    },
    async counts(organizationId, now) {
      const [pending, members] = await Promise.all([
        adapter.count({ model: "invitation", where: [{ field: "organizationId", value: organizationId }, { field: "status", value: "pending" }, { field: "expiresAt", operator: "gt", value: now }] }),
        adapter.count({ model: "member", where: [{ field: "organizationId", value: organizationId }] }),
      ]);
      return { pending, members };
    },
    async insert(rows) {
      const ids: string[] = [];
      for (const { extra, ...row } of rows) {
        const data = { ...extra, ...row, status: "pending", ...(row.id === undefined ? { id: undefined } : {}) };
        if (row.id === undefined) delete (data as { id?: string }).id;
        ids.push((await adapter.create<Record<string, unknown>, { id: string }>({ model: "invitation", data, forceAllowId: row.id !== undefined })).id);
      }
      return ids;
    },
    async refresh(ids, expiresAt) {
      for (const part of chunks(ids)) {
        await adapter.updateMany({ model: "invitation", where: [{ field: "id", operator: "in", value: part }], update: { expiresAt } });
      }
    },
  };
}

/** One query on the transaction's connection: PostgreSQL text with $1… parameters. */
export type Query = <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;

const DECIDED = new Set(["id", "organizationId", "email", "role", "teamId", "inviterId", "status", "expiresAt", "createdAt"]);

export function sqlStore(query: Query, tables: AuthContext["tables"], lockKey = (organizationId: string) => `better-auth-admit:invitations:${organizationId}`): InvitationStore {
  const user = tableNames(tables, "user");
  const member = tableNames(tables, "member");
  const inv = tableNames(tables, "invitation");
  const c = inv.column;
  return {
    async lock(organizationId) {
      await query(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))`, [lockKey(organizationId)]);
    },
    async lockSeats(organizationId) {
      await query(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))`, [seatLockKey(organizationId)]);
    },
    async memberEmails(organizationId, emails) {
      const rows = await query<{ email: string }>(
        `SELECT lower(u.${user.column("email")}) AS email FROM ${member.table} m JOIN ${user.table} u ON u.${user.column("id")} = m.${member.column("userId")}
         WHERE m.${member.column("organizationId")} = $1 AND lower(u.${user.column("email")}) = ANY($2::text[])`,
        [organizationId, emails],
      );
      return new Set(rows.map((r) => r.email));
    },
    async pendingInvitations(organizationId, emails) {
      return query<{ id: string; email: string; role: string; expiresAt: Date }>(
        `SELECT ${c("id")}::text AS id, ${c("email")} AS email, ${c("role")} AS role, ${c("expiresAt")} AS "expiresAt" FROM ${inv.table}
         WHERE ${c("organizationId")} = $1 AND ${c("status")} = 'pending' AND ${c("email")} = ANY($2::text[])`,
        [organizationId, emails],
      );
    },
    async counts(organizationId, now) {
      const [row] = await query<{ pending: number; members: number }>(
        `SELECT (SELECT count(*)::int FROM ${inv.table} WHERE ${c("organizationId")} = $1 AND ${c("status")} = 'pending' AND ${c("expiresAt")} > $2) AS pending,
                (SELECT count(*)::int FROM ${member.table} WHERE ${member.column("organizationId")} = $1) AS members`,
        [organizationId, now],
      );
      return row;
    },
    async insert(rows) {
      if (!rows.length) return [];
      if (rows.some((r) => r.id === undefined)) throw new Error("sqlStore.insert: the bulk path needs ids made by better-auth's generateId");
      const r0 = rows[0];
      await query(
        `INSERT INTO ${inv.table} (${c("id")}, ${c("organizationId")}, ${c("email")}, ${c("role")}, ${c("teamId")}, ${c("status")}, ${c("expiresAt")}, ${c("createdAt")}, ${c("inviterId")})
         SELECT r.id, $1, r.email, r.role, r.team, 'pending', $2, $3, $4
         FROM unnest($5::text[], $6::text[], $7::text[], $8::text[]) AS r(id, email, role, team)`,
        [r0.organizationId, r0.expiresAt, r0.createdAt, r0.inviterId, rows.map((r) => r.id), rows.map((r) => r.email), rows.map((r) => r.role), rows.map((r) => r.teamId)],
      );
      // Fields a beforeCreateInvitation hook added: set on their rows, in the same transaction.
      for (const r of rows.filter((row) => row.extra && Object.keys(row.extra).length)) {
        // As through the adapter: fields of the invitation table only, and never the ones the call decided.
        const entries = Object.entries(r.extra!).filter(([field]) => tables.invitation.fields[field] && !DECIDED.has(field));
        if (!entries.length) continue;
        await query(`UPDATE ${inv.table} SET ${entries.map(([field], i) => `${c(field)} = $${i + 2}`).join(", ")} WHERE ${c("id")}::text = $1`, [r.id, ...entries.map(([, v]) => v)]);
      }
      return rows.map((r) => r.id!);
    },
    async refresh(ids, expiresAt) {
      if (ids.length) await query(`UPDATE ${inv.table} SET ${c("expiresAt")} = $1 WHERE ${c("id")}::text = ANY($2::text[])`, [expiresAt, ids]);
    },
  };
}

/** A PostgreSQL transaction the bulk path runs in: its own connection, BEGIN … COMMIT. */
export interface PostgresBulk {
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
}

interface PgPoolLike {
  connect(): Promise<{ query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>; release(err?: Error | boolean): void }>;
}

/** The bulk path on a `pg` Pool (what better-auth's Kysely adapter is given as `database`). */
export function pgPoolBulk(pool: PgPoolLike): PostgresBulk {
  return {
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await fn(async (text, params) => (await client.query(text, params)).rows as never[]);
        await client.query("COMMIT");
        return result;
      } catch (e) {
        await client.query("ROLLBACK").catch((err: Error) => (broken = err));
        throw e;
      } finally {
        client.release(broken);
      }
    },
  };
}

interface PrismaLike {
  $transaction<T>(fn: (tx: { $queryRawUnsafe<R>(query: string, ...values: unknown[]): Promise<R> }) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T>;
}

/** The bulk path on the application's PrismaClient (PostgreSQL), for applications on better-auth's Prisma adapter. */
export function prismaBulk(prisma: PrismaLike): PostgresBulk {
  return {
    transaction: (fn) => prisma.$transaction((tx) => fn((text, params = []) => tx.$queryRawUnsafe(text, ...params)), { timeout: 120_000, maxWait: 30_000 }),
  };
}

/** A `pg` Pool given to better-auth as its database (better-auth then uses Kysely on it). */
export function isPgPool(database: unknown): database is PgPoolLike {
  return !!database && typeof database === "object" && typeof (database as PgPoolLike).connect === "function" && typeof (database as { query?: unknown }).query === "function" && "totalCount" in database;
}

const bulkByPool = new WeakMap<object, PostgresBulk>();

/** The bulk path a call takes: the one configured, a pg Pool's (better-auth's `database`), or none (`false`). */
export function bulkFor(context: AuthContext, configured: PostgresBulk | false | undefined): PostgresBulk | undefined {
  if (configured === false) return undefined;
  if (configured) return configured;
  const database = context.options.database;
  if (!isPgPool(database)) return undefined;
  if (!bulkByPool.has(database)) bulkByPool.set(database, pgPoolBulk(database));
  return bulkByPool.get(database);
}
