import { describe, expect, it } from "vitest";
import { nearestEnd, pageWindow } from "./params";

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
