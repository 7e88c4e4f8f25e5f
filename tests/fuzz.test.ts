/**
 * Property-based tests with hostile input: random and adversarial strings (unicode, control characters,
 * very long values, `javascript:` and `//evil.example` redirects). Nothing may throw anything but our own
 * errors, and every accepted value must satisfy the rule it was checked against.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvError, parseCampaignCsv, parseRows } from "@/lib/campaigns/csv";
import { csvCell } from "@/lib/csv-export";
import { expiresInSchema, MAX_INVITATION_SECONDS, MIN_INVITATION_SECONDS, splitEmails } from "@/lib/invitations/schema";
import { emailSchema } from "@/lib/people";
import { normalizeRedirect, safeRedirectPath } from "@/lib/redirects";
import { isAllowedRedirect, issueLinksInput } from "@/lib/sign-in-links/schema";

const hostile = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.constantFrom("javascript:alert(1)", "//evil.example", "/\\evil.example", "\\\\evil", "/%2F%2Fevil.example", "https://evil.example/", "/\u0000x", "/\r\nLocation: x", "/" + "a".repeat(5000)),
);

describe("fuzz: redirects", () => {
  it("safeRedirectPath only ever returns a same-site path", () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const out = safeRedirectPath(input);
        expect(out.startsWith("/")).toBe(true);
        expect(out.startsWith("//")).toBe(false);
        expect(/[\u0000-\u001f\u007f\\]/.test(out)).toBe(false);
        expect(new URL(out, "https://admit.example").origin).toBe("https://admit.example");
      }),
      { numRuns: 2000 },
    );
  });

  // Paths built from the pieces that fool a check made before normalization: dot segments, percent-encoded
  // dots and slashes (single and double), backslashes, tabs and newlines, empty segments (`//`).
  const piece = fc.constantFrom(".", "..", "%2e", "%2E", "%2e%2e", ".%2e", "%2e.", "%252e", "", "", "evil.example", "%2f", "%2F", "%252f", "\\", "%5c", "\t", "\n", "\r", "a", "x y", "?q=/", "#//x", "@evil.example", ":");
  const trickyPath = fc.tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 8 })).map(([lead, parts]) => (lead ? "/" : "") + parts.join("/"));
  const ORIGIN = "https://admit.example";

  it("what the browser follows after normalizeRedirect stays on the origin (dot segments, encodings, whitespace)", () => {
    fc.assert(
      fc.property(trickyPath, fc.constantFrom("/", "/sign-in", "/a/b/c/", "/link/abc/confirm"), (input, currentPath) => {
        const out = normalizeRedirect(input);
        if (out === null) return;
        // A browser resolves a Location header against the page it is on.
        const followed = new URL(out, ORIGIN + currentPath);
        expect(followed.origin).toBe(ORIGIN);
        expect(followed.pathname + followed.search + followed.hash).toBe(out);
        expect(out.startsWith("/") && !out.startsWith("//")).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it.each(["/.//evil.example", "/..//evil.example", "/%2e//evil.example", "/%2E%2E//evil.example", "/a/..//evil.example", "/a/%2e%2e//x", "/\t/evil.example", "/\n/evil.example", "/.\\evil.example", "/./%2e//x"])(
    "%s is refused",
    (input) => {
      expect(normalizeRedirect(input)).toBeNull();
      expect(safeRedirectPath(input, "/fallback")).toBe("/fallback");
    },
  );

  it.each([
    ["/invitations", "/invitations"],
    ["/a/./b/../c?x=1#y", "/a/c?x=1#y"],
    ["/invite/abc", "/invite/abc"],
    ["/%2f%2fevil.example", "/%2f%2fevil.example"],
  ])("%s is accepted as %s", (input, expected) => {
    expect(normalizeRedirect(input)).toBe(expected);
  });

  it("sign-in links accept only allowlisted redirects", () => {
    fc.assert(
      fc.property(hostile, (redirectTo) => {
        const parsed = issueLinksInput.safeParse({ issuerId: "u", purpose: "sign-in", recipients: [{ email: "a@b.co" }], redirectTo });
        expect(parsed.success).toBe(isAllowedRedirect(redirectTo));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("fuzz: email normalization", () => {
  it("accepted addresses are trimmed, lowercase, one @, no whitespace or control characters", () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.emailAddress().map((e) => `  ${e.toUpperCase()} `)), (input) => {
        const parsed = emailSchema.safeParse(input);
        if (!parsed.success) return;
        const email = parsed.data;
        expect(email).toBe(email.trim().toLowerCase());
        expect(email.split("@")).toHaveLength(2);
        expect(/[\s\u0000-\u001f\u007f]/.test(email)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("pasted lists split into trimmed, non-empty items", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        for (const item of splitEmails(text)) {
          expect(item.length).toBeGreaterThan(0);
          expect(/[\s,;]/.test(item)).toBe(false);
        }
      }),
    );
  });
});

describe("fuzz: expiry", () => {
  it("only whole seconds from 1 hour to 30 days are accepted", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, 3599, 3600, 2_592_000, 2_592_001)), (n) => {
        const ok = expiresInSchema.safeParse(n).success;
        expect(ok).toBe(Number.isInteger(n) && n >= MIN_INVITATION_SECONDS && n <= MAX_INVITATION_SECONDS);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("fuzz: CSV", () => {
  it("any bytes either parse or fail with a CsvError, never another exception", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        try {
          parseCampaignCsv(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(CsvError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("quoted fields round-trip through export and parsing, whatever they contain", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), fc.constantFrom(" ", "\r\n", '"', ",", "")), { minLength: 1, maxLength: 6 }), (cells) => {
        const line = cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(",");
        const rows = parseRows(line + "\n", ",");
        // A single blank cell is a blank line, and blank lines are skipped.
        if (cells.length === 1 && cells[0].trim() === "") expect(rows).toEqual([]);
        else expect(rows.map((r) => r.cells)).toEqual([cells]);
      }),
      { numRuns: 1000 },
    );
  });

  it("exported cells never start a formula", () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const cell = csvCell(value);
        const unquoted = cell.startsWith('"') ? cell.slice(1) : cell;
        expect(/^[=+\-@\t\r]/.test(unquoted)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
