/**
 * Where pre-accepted memberships are read and written: the application's adapter (portable, row by row,
 * inside its `transaction`) or PostgreSQL (a statement per step, under an advisory lock per organization,
 * since better-auth keeps no unique key on (organization, user)). Names from better-auth's schema.
 */
import { createHash } from "node:crypto";
import type { AuthContext } from "better-auth";
import type { Query } from "../invitations/store.ts";
import { chunks, tableNames } from "../sql.ts";
import { newUserData, seatLockKey } from "../acting.ts";

export interface ExistingUser {
  id: string;
  email: string;
  banned?: boolean | null;
  banExpires?: Date | string | null;
}
export interface NewUser {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
  /** The admin plugin's defaults (role, banned), when it is there. */
  defaults?: { role: string; banned: boolean };
}
export interface NewMember {
  id: string;
  organizationId: string;
  userId: string;
  role: string;
  teamId: string | null;
  /** The team membership's id, when `teamId` is set. */
  teamMemberId?: string;
  createdAt: Date;
}

export interface MemberStore {
  lock(organizationId: string): Promise<void>;
  users(emails: string[]): Promise<ExistingUser[]>;
  /** Of these users, the ones already members of the organization. */
  members(organizationId: string, userIds: string[]): Promise<Set<string>>;
  memberCount(organizationId: string): Promise<number>;
  /** The seat lock createInvitations takes too, when the organization's seats are limited. */
  lockSeats(organizationId: string): Promise<void>;
  /** Pending, unexpired invitations of the organization: how many, and which of these addresses hold one. */
  pendingSeats(organizationId: string, emails: string[], now: Date): Promise<{ count: number; holders: Set<string> }>;
  insertUsers(rows: NewUser[]): Promise<void>;
  insertMembers(rows: NewMember[]): Promise<void>;
  /** Cancels the organization's pending invitations for these addresses; returns their ids and addresses. */
  supersede(organizationId: string, emails: string[]): Promise<{ id: string; email: string }[]>;
}

/** better-auth 1.7's team membership key: base64url(SHA-256(JSON [teamId, userId])), no padding. */
export const teamMembershipKey = (teamId: string, userId: string) => createHash("sha256").update(JSON.stringify([teamId, userId])).digest("base64url");

type Adapter = AuthContext["adapter"];

export function adapterMemberStore(adapter: Pick<Adapter, "findMany" | "count" | "create" | "update" | "updateMany">, tables: AuthContext["tables"]): MemberStore {
  const hasKey = !!tables.teamMember?.fields.membershipKey;
  const hasCount = !!tables.team?.fields.memberCount;
  return {
    async lock() {},
    async users(emails) {
      const found: ExistingUser[] = [];
      for (const part of chunks(emails)) found.push(...(await adapter.findMany<ExistingUser>({ model: "user", where: [{ field: "email", operator: "in", value: part }], limit: part.length })));
      return found;
    },
    async members(organizationId, userIds) {
      const found = new Set<string>();
      for (const part of chunks(userIds)) {
        const rows = await adapter.findMany<{ userId: string }>({ model: "member", where: [{ field: "organizationId", value: organizationId }, { field: "userId", operator: "in", value: part }], limit: part.length * 2 });
        for (const r of rows) found.add(String(r.userId));
      }
      return found;
    },
    memberCount: (organizationId) => adapter.count({ model: "member", where: [{ field: "organizationId", value: organizationId }] }),
    async lockSeats() {},
    async pendingSeats(organizationId, emails, now) {
      const live = [{ field: "organizationId", value: organizationId }, { field: "status", value: "pending" }, { field: "expiresAt", operator: "gt" as const, value: now }];
      const holders = new Set<string>();
      for (const part of chunks(emails)) {
        const rows = await adapter.findMany<{ email: string }>({ model: "invitation", where: [...live, { field: "email", operator: "in", value: part }], limit: part.length * 4 });
        for (const r of rows) holders.add(r.email.toLowerCase());
      }
      return { count: await adapter.count({ model: "invitation", where: live }), holders };
    },
    async insertUsers(rows) {
      for (const u of rows) await adapter.create({ model: "user", data: { id: u.id, ...newUserData(u) }, forceAllowId: true });
    },
    async insertMembers(rows) {
      const teams = new Set<string>();
      for (const { teamId, teamMemberId: _teamMemberId, ...m } of rows) {
        await adapter.create({ model: "member", data: m, forceAllowId: true });
        if (!teamId) continue;
        teams.add(teamId);
        await adapter.create({ model: "teamMember", data: { teamId, userId: m.userId, createdAt: m.createdAt, ...(hasKey ? { membershipKey: teamMembershipKey(teamId, m.userId) } : {}) } });
      }
      if (hasCount) {
        for (const teamId of teams) {
          const memberCount = await adapter.count({ model: "teamMember", where: [{ field: "teamId", value: teamId }] });
          await adapter.update({ model: "team", where: [{ field: "id", value: teamId }], update: { memberCount } });
        }
      }
    },
    async supersede(organizationId, emails) {
      const found: { id: string; email: string }[] = [];
      for (const part of chunks(emails)) {
        const rows = await adapter.findMany<{ id: string; email: string }>({
          model: "invitation",
          where: [{ field: "organizationId", value: organizationId }, { field: "status", value: "pending" }, { field: "email", operator: "in", value: part }],
          limit: part.length * 4,
        });
        if (rows.length) await adapter.updateMany({ model: "invitation", where: [{ field: "id", operator: "in", value: rows.map((r) => r.id) }], update: { status: "canceled" } });
        found.push(...rows);
      }
      return found;
    },
  };
}

export function sqlMemberStore(query: Query, tables: AuthContext["tables"], lockKey = (organizationId: string) => `better-auth-admit:members:${organizationId}`): MemberStore {
  const u = tableNames(tables, "user");
  const m = tableNames(tables, "member");
  const inv = tableNames(tables, "invitation");
  return {
    async lock(organizationId) {
      await query(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))`, [lockKey(organizationId)]);
    },
    users: (emails) =>
      query<ExistingUser>(
        `SELECT ${u.column("id")}::text AS id, lower(${u.column("email")}) AS email${u.has("banned") ? `, ${u.column("banned")} AS banned, ${u.column("banExpires")} AS "banExpires"` : ""}
         FROM ${u.table} WHERE lower(${u.column("email")}) = ANY($1::text[])`,
        [emails],
      ),
    async members(organizationId, userIds) {
      const rows = await query<{ userId: string }>(`SELECT ${m.column("userId")}::text AS "userId" FROM ${m.table} WHERE ${m.column("organizationId")} = $1 AND ${m.column("userId")}::text = ANY($2::text[])`, [organizationId, userIds]);
      return new Set(rows.map((r) => r.userId));
    },
    async lockSeats(organizationId) {
      await query(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))`, [seatLockKey(organizationId)]);
    },
    async pendingSeats(organizationId, emails, now) {
      const live = `${inv.column("organizationId")} = $1 AND ${inv.column("status")} = 'pending' AND ${inv.column("expiresAt")} > $2`;
      const [row] = await query<{ count: number; holders: string[] }>(
        `SELECT (SELECT count(*)::int FROM ${inv.table} WHERE ${live}) AS count,
                (SELECT coalesce(array_agg(DISTINCT lower(${inv.column("email")})), '{}') FROM ${inv.table} WHERE ${live} AND lower(${inv.column("email")}) = ANY($3::text[])) AS holders`,
        [organizationId, now, emails],
      );
      return { count: row.count, holders: new Set(row.holders) };
    },
    async memberCount(organizationId) {
      const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM ${m.table} WHERE ${m.column("organizationId")} = $1`, [organizationId]);
      return row.n;
    },
    async insertUsers(rows) {
      if (!rows.length) return;
      const defaults = rows[0].defaults && u.has("role") && u.has("banned") ? rows[0].defaults : undefined;
      await query(
        `INSERT INTO ${u.table} (${u.column("id")}, ${u.column("email")}, ${u.column("name")}, ${u.column("emailVerified")}, ${u.column("createdAt")}, ${u.column("updatedAt")}${defaults ? `, ${u.column("role")}, ${u.column("banned")}` : ""})
         SELECT r.id, r.email, r.name, true, $1, $1${defaults ? ", $5, $6" : ""} FROM unnest($2::text[], $3::text[], $4::text[]) AS r(id, email, name)`,
        [rows[0].createdAt, rows.map((r) => r.id), rows.map((r) => r.email), rows.map((r) => r.name), ...(defaults ? [defaults.role, defaults.banned] : [])],
      );
    },
    async insertMembers(rows) {
      if (!rows.length) return;
      const r0 = rows[0];
      await query(
        `INSERT INTO ${m.table} (${m.column("id")}, ${m.column("organizationId")}, ${m.column("userId")}, ${m.column("role")}, ${m.column("createdAt")})
         SELECT r.id, $1, r.uid, r.role, $2 FROM unnest($3::text[], $4::text[], $5::text[]) AS r(id, uid, role)`,
        [r0.organizationId, r0.createdAt, rows.map((r) => r.id), rows.map((r) => r.userId), rows.map((r) => r.role)],
      );
      await insertTeamMembers(query, tables, rows.filter((r) => r.teamId));
    },
    supersede: (organizationId, emails) =>
      query<{ id: string; email: string }>(
        `UPDATE ${inv.table} SET ${inv.column("status")} = 'canceled' WHERE ${inv.column("organizationId")} = $1 AND ${inv.column("status")} = 'pending' AND ${inv.column("email")} = ANY($2::text[])
         RETURNING ${inv.column("id")}::text AS id, ${inv.column("email")} AS email`,
        [organizationId, emails],
      ),
  };
}

async function insertTeamMembers(query: Query, tables: AuthContext["tables"], rows: NewMember[]) {
  if (!rows.length) return;
  const tm = tableNames(tables, "teamMember");
  const team = tableNames(tables, "team");
  const key = tm.has("membershipKey");
  await query(
    `INSERT INTO ${tm.table} (${tm.column("id")}, ${tm.column("teamId")}, ${tm.column("userId")}, ${tm.column("createdAt")}${key ? `, ${tm.column("membershipKey")}` : ""})
     SELECT r.id, r.team, r.uid, $1${key ? ", r.key" : ""} FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS r(id, team, uid, key)`,
    [rows[0].createdAt, rows.map((r) => r.teamMemberId!), rows.map((r) => r.teamId), rows.map((r) => r.userId), rows.map((r) => teamMembershipKey(r.teamId!, r.userId))],
  );
  if (team.has("memberCount")) {
    await query(
      `UPDATE ${team.table} t SET ${team.column("memberCount")} = (SELECT count(*)::int FROM ${tm.table} x WHERE x.${tm.column("teamId")} = t.${team.column("id")}) WHERE t.${team.column("id")}::text = ANY($1::text[])`,
      [[...new Set(rows.map((r) => r.teamId!))]],
    );
  }
}
