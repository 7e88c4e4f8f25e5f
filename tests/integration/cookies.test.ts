/** Session cookies: HttpOnly and SameSite=Lax always; Secure (and __Secure- prefixed) when the console is served over https. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createUser, PASSWORD } from "@/tests/support/factories";

function signInUnder(baseUrl: string, email: string) {
  const out = spawnSync(path.resolve("node_modules/.bin/tsx"), ["tests/support/print-session-cookie.ts", email, PASSWORD], {
    env: { ...process.env, BETTER_AUTH_URL: baseUrl, BETTER_AUTH_SECRET: "cookie-test-secret-0123456789abcdefghijklmnop", NODE_ENV: "production", AUTH_RATE_LIMIT: "off" },
    encoding: "utf8",
  });
  expect(out.status, out.stderr).toBe(0);
  return JSON.parse(out.stdout.trim().split("\n").at(-1)!) as { status: number; cookies: string[] };
}
const attributes = (cookie: string) => cookie.split(";").slice(1).map((a) => a.trim().toLowerCase());

describe("session cookies", () => {
  it("over https: __Secure- prefix, Secure, HttpOnly, SameSite=Lax", async () => {
    const user = await createUser();
    const { status, cookies } = signInUnder("https://admit.example", user.email);
    expect(status).toBe(200);
    const session = cookies.find((c) => c.includes("session_token="));
    expect(session).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(attributes(session!)).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
    for (const c of cookies) expect(attributes(c)).toContain("secure");
  });

  it("over plain http (local development): HttpOnly and SameSite=Lax, never readable by scripts", async () => {
    const user = await createUser();
    const { status, cookies } = signInUnder("http://localhost:3000", user.email);
    expect(status).toBe(200);
    const session = cookies.find((c) => c.includes("session_token="));
    expect(session).toMatch(/^better-auth\.session_token=/);
    expect(attributes(session!)).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
  });
});
