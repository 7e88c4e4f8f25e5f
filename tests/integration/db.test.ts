/**
 * lib/db.ts's pool, which better-auth's adapter, `queryRows` and `sqlTransaction` use: times are instants
 * whatever the server's time zone, also in columns without one (an application's Prisma-made tables); a
 * statement kept prepared answers for every key and survives a change to its table.
 */
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { authDatabase, createPool, Prisma, queryRows, sqlTransaction } from "@/lib/db";

describe("the shared pool", () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("writes and reads a timestamp without a time zone as UTC, in a server far from UTC", async () => {
    process.env.TZ = "America/Los_Angeles";
    const instant = new Date("2026-07-01T12:34:56.789Z");
    expect(instant.getTimezoneOffset()).not.toBe(0);
    const client = await authDatabase.connect();
    try {
      await client.query("BEGIN");
      await client.query(`CREATE TEMP TABLE zone_check (at timestamp(3), day date) ON COMMIT DROP`);
      // As better-auth's Kysely adapter sends it: the Date itself as a parameter.
      await client.query("INSERT INTO zone_check (at, day) VALUES ($1, $2)", [instant, instant]);
      const { rows } = await client.query<{ at: Date; text: string; day: Date }>(`SELECT at, to_char(at, 'YYYY-MM-DD HH24:MI:SS.MS') AS text, day FROM zone_check`);
      expect(rows[0].text).toBe("2026-07-01 12:34:56.789");
      expect(rows[0].at).toEqual(instant);
      expect(rows[0].day).toEqual(new Date("2026-07-01T00:00:00Z"));
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    const [read] = await queryRows<{ at: Date }[]>(Prisma.sql`SELECT ${instant}::timestamp(3) AS at`);
    expect(read.at).toEqual(instant);
  });
});

describe("a statement kept prepared", () => {
  afterAll(() => queryRows(Prisma.sql`DROP TABLE IF EXISTS prepared_check`));
  // Ten at once, so every connection of the pool has parsed the statement.
  const readAll = (ids: number[]) => Promise.all(ids.map((id) => queryRows<{ id: number; v: unknown }[]>(Prisma.sql`SELECT id, v FROM prepared_check WHERE id = ${id}`, { prepared: true })));
  const ids = Array.from({ length: 10 }, (_, i) => i + 1);

  it("answers for each key, beside other kept statements", async () => {
    await queryRows(Prisma.sql`CREATE TABLE prepared_check (id int PRIMARY KEY, v int)`);
    await queryRows(Prisma.sql`INSERT INTO prepared_check SELECT g, g * 10 FROM generate_series(1, 10) g`);
    for (let round = 0; round < 7; round++) {
      expect((await readAll(ids)).map(([row]) => row.v)).toEqual(ids.map((id) => id * 10));
      const [other] = await queryRows<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM prepared_check WHERE v > ${round * 10}`, { prepared: true });
      expect(other.n).toBe(10 - round);
    }
  });

  it("is named the same by every copy of this module on the process's one pool (the server's bundles and the worker's)", async () => {
    // Another copy of lib/db.ts, as a second bundle loads it: its own list of kept statements, the same pool.
    vi.resetModules();
    const other = await import("@/lib/db");
    expect(other.queryRows).not.toBe(queryRows);
    const mine = () => Promise.all(ids.map((id) => queryRows<{ n: number }[]>(Prisma.sql`SELECT ${id}::int + 1 AS n`, { prepared: true })));
    const theirs = () => Promise.all(ids.map((id) => other.queryRows<{ n: number }[]>(other.Prisma.sql`SELECT ${id}::int + 2 AS n`, { prepared: true })));
    for (let round = 0; round < 3; round++) {
      expect((await mine()).map(([row]) => row.n)).toEqual(ids.map((id) => id + 1));
      expect((await theirs()).map(([row]) => row.n)).toEqual(ids.map((id) => id + 2));
    }
  });

  it("is never named behind a pooler in transaction mode (?pgbouncer=true)", async () => {
    const url = process.env.DATABASE_URL!;
    const sent: { name?: string }[] = [];
    const pooled = createPool(`${url}${url.includes("?") ? "&" : "?"}pgbouncer=true`);
    const query = pooled.query.bind(pooled) as (config: { name?: string }) => Promise<unknown>;
    (pooled as unknown as { query: typeof query }).query = (config) => (sent.push(config), query(config));
    const shared = globalThis as unknown as { __admitPool?: typeof pooled };
    const [own, ownSent] = [shared.__admitPool, [] as { name?: string }[]];
    try {
      shared.__admitPool = pooled;
      expect((await readAll(ids)).map(([row]) => row.id)).toEqual(ids);
      expect(await sqlTransaction((tx) => tx.$queryRaw<{ n: number }[]>`SELECT ${1}::int AS n`)).toEqual([{ n: 1 }]);
    } finally {
      shared.__admitPool = own;
      await pooled.end();
    }
    expect(sent).toHaveLength(10);
    expect(sent.every((config) => config.name === undefined)).toBe(true);
    // The same statement on the ordinary pool is named.
    const query2 = own!.query.bind(own!) as (config: { name?: string }) => Promise<unknown>;
    (own as unknown as { query: typeof query2 }).query = (config) => (ownSent.push(config), query2(config));
    try {
      await readAll(ids);
    } finally {
      delete (own as unknown as { query?: unknown }).query;
    }
    expect(ownSent.every((config) => config.name?.startsWith("admit_"))).toBe(true);
  });

  it("still answers after its table's column changes type (PostgreSQL refuses the kept plan)", async () => {
    await readAll(ids);
    await queryRows(Prisma.sql`ALTER TABLE prepared_check ALTER COLUMN v TYPE text USING 'v' || v`);
    expect((await readAll(ids)).map(([row]) => row.v)).toEqual(ids.map((id) => `v${id * 10}`));
    expect((await readAll(ids)).map(([row]) => row.v)).toEqual(ids.map((id) => `v${id * 10}`));
  });

  it("in a transaction of the hot path too: the transaction runs again, once, and commits once", async () => {
    const write = (n: number) =>
      Promise.all(ids.map((id) => sqlTransaction(async (tx) => {
        const [row] = await tx.$queryRaw<{ v: unknown }[]>`UPDATE prepared_check SET v = v || ${"+"} WHERE id = ${id} RETURNING v`;
        await tx.$executeRaw`INSERT INTO prepared_check (id, v) VALUES (${id * 1000 + n}, ${"x"})`;
        return row.v;
      })));
    expect(await write(1)).toEqual(ids.map((id) => `v${id * 10}+`));
    await queryRows(Prisma.sql`ALTER TABLE prepared_check ALTER COLUMN v TYPE varchar(20)`);
    expect(await write(2)).toEqual(ids.map((id) => `v${id * 10}++`));
    const [{ n }] = await queryRows<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM prepared_check WHERE id > 1000`);
    expect(n).toBe(20);
  });
});
