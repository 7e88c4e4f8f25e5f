/**
 * lib/db.ts's pool, which better-auth's adapter, `queryRows` and `sqlTransaction` use: times are instants
 * whatever the server's time zone, also in columns without one (an application's Prisma-made tables).
 */
import { afterEach, describe, expect, it } from "vitest";
import { authDatabase, Prisma, queryRows } from "@/lib/db";

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
