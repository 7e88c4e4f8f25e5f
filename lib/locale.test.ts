import { describe, expect, it } from "vitest";
import { formatBucket, formatNumber, formatRelative, keptFormats, MAX_FORMATS, plural } from "./format";
import { negotiateLocale } from "./locale";

describe("negotiateLocale", () => {
  it("takes the first language the runtime knows, by weight then order", () => {
    expect(negotiateLocale("de-DE,de;q=0.9,en;q=0.8")).toBe("de-DE");
    expect(negotiateLocale("fr;q=0.5, ja;q=0.9")).toBe("ja");
    expect(negotiateLocale("en-GB, fr")).toBe("en-GB");
  });

  it("falls back to English for no header, nonsense, wildcards and zero weights", () => {
    for (const header of [null, undefined, "", "*", "de;q=0", "x-!!, 12", "de;q=abc", ";;;,,,", "a".repeat(5000)]) expect(negotiateLocale(header)).toBe("en");
  });

  it("reads only the start of an oversized header", () => {
    expect(negotiateLocale(`de,${"x;q=0.1,".repeat(2000)}`)).toBe("de");
  });
});

describe("numbers and times in a locale", () => {
  it("groups thousands the locale's way", () => {
    expect(formatNumber(12345, "en")).toBe("12,345");
    expect(formatNumber(12345, "de-DE")).toBe("12.345");
    expect(plural(1, "row", undefined, "de-DE")).toBe("1 row");
    expect(plural(50000, "person", "people", "de-DE")).toBe("50.000 people");
  });

  it("says relative times in the locale's words", () => {
    const now = Date.UTC(2026, 10, 29, 12);
    expect(formatRelative(new Date(now + 7 * 86400e3), now, "en")).toBe("next week");
    expect(formatRelative(new Date(now + 3 * 86400e3), now, "de-DE")).toBe("in 3 Tagen");
    expect(formatRelative(new Date(now - 2 * 3600e3), now, "fr")).toBe("il y a 2 heures");
  });
});

describe("the formatter cache", () => {
  it("stays bounded whatever locales requests bring (any well-formed extension is a new locale)", () => {
    const now = Date.UTC(2026, 10, 29, 12);
    for (let i = 0; i < MAX_FORMATS * 3; i++) {
      const locale = negotiateLocale(`en-x-${i.toString(36).padStart(4, "0")}`);
      expect(locale).toMatch(/^en-x-/);
      formatRelative(new Date(now - 3600e3), now, locale);
      formatNumber(i, locale);
    }
    expect(keptFormats()).toBe(MAX_FORMATS);
    // and still formats, the evicted ones made again
    expect(formatNumber(12345, "de-DE")).toBe("12.345");
    expect(formatRelative(new Date(now - 2 * 3600e3), now, "en-x-0000")).toBe("2 hours ago");
  });

  it("labels a chart's buckets in UTC, by hour or by day", () => {
    const at = new Date(Date.UTC(2026, 2, 3, 14, 0));
    expect(formatBucket(at, "day", "en-GB")).toBe("3 Mar");
    expect(formatBucket(at, "hour", "en-GB")).toBe("3 Mar, 14:00");
  });
});
