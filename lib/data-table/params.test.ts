import { describe, expect, it } from "vitest";
import { nearestEnd, packRows, pageWindow, unpackRows } from "./params";

describe("paging", () => {
  it("reads pages past the middle from the other end, covering exactly the same rows", () => {
    const rows = Array.from({ length: 95 }, (_, i) => i);
    for (let page = 1; page <= 10; page++) {
      const { skip, take } = pageWindow(page, 10);
      const w = nearestEnd(skip, take, rows.length);
      const got = w.reversed ? [...rows].reverse().slice(w.skip, w.skip + w.take).reverse() : rows.slice(w.skip, w.skip + w.take);
      expect(got).toEqual(rows.slice(skip, skip + take));
    }
  });

  it("clamps page sizes to the offered ones and pages to 1 or more", () => {
    expect(pageWindow(0, 13)).toEqual({ skip: 0, take: 20 });
    expect(pageWindow(3, 50)).toEqual({ skip: 100, take: 50 });
  });
});

describe("rows packed for a client table", () => {
  const rows = Array.from({ length: 12 }, (_, i) => ({
    id: `id-${i}`,
    email: `person.${i}@example.test`,
    status: i % 3 ? "pending" : "accepted",
    team: i === 5 ? "Engineering" : null,
    count: i,
    createdAt: new Date(Date.UTC(2026, 10, 30, 12, i, 7, i)).toISOString(),
    lastUsedAt: i % 2 ? null : new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    label: `2026-11-${10 + i}`, // a date, not an instant: stays a string
  }));

  it("comes back exactly as it went in, through the payload's JSON", () => {
    const packed = JSON.parse(JSON.stringify(packRows(rows)));
    expect(unpackRows(packed)).toEqual(JSON.parse(JSON.stringify(rows)));
    expect(unpackRows(packRows(rows))).toEqual(rows);
  });

  it("sends instants as numbers and a column's repeated values once", () => {
    const packed = packRows(rows);
    const at = (key: string) => packed.keys.indexOf(key);
    expect(packed.times.sort()).toEqual([at("createdAt"), at("lastUsedAt")].sort());
    expect(packed.values[0][at("createdAt")]).toBe(Date.UTC(2026, 10, 30, 12, 0, 7, 0));
    expect(packed.dicts[at("status")]).toEqual(["accepted", "pending"]);
    expect(packed.dicts[at("team")]).toEqual([null, "Engineering"]);
    expect(packed.dicts[at("email")]).toBeUndefined(); // all distinct
    expect(packed.dicts[at("count")]).toBeUndefined(); // numbers are already short
    expect(packed.values[0][at("label")]).toBe("2026-11-10");
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(rows).length * 0.6);
  });

  it("keeps every key of rows that differ in shape, and an empty page is empty", () => {
    const mixed = [{ id: "a" }, { id: "b", extra: 1 }] as { id: string; extra?: number }[];
    expect(unpackRows(packRows(mixed))).toEqual([{ id: "a", extra: undefined }, { id: "b", extra: 1 }]);
    expect(unpackRows(packRows([]))).toEqual([]);
  });
});
