import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirects";

describe("safeRedirectPath", () => {
  it.each([
    ["/invitations", "/invitations"],
    ["/users?page=2#top", "/users?page=2#top"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/x", "/"],
    ["javascript:alert(1)", "/"],
    ["/ok\u0000", "/"],
    ["", "/"],
    [undefined, "/"],
    ["/" + "a".repeat(3000), "/"],
  ])("%s -> %s", (input, expected) => {
    expect(safeRedirectPath(input as string | undefined)).toBe(expected);
  });
});
