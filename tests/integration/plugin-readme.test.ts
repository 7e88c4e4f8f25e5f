/**
 * The better-auth-admit README's examples are real code: each block marked `<!-- example: path -->` is
 * that file, unchanged, and the example runs against a stock application with only the plugin added.
 */
import fs from "node:fs";
import path from "node:path";
import { memoryAdapter } from "better-auth/adapters/memory";
import { describe, expect, it } from "vitest";
import { inviteTeam } from "@/packages/better-auth-admit/examples/invite-team";
import { stockAuth } from "@/tests/support/plugin-app";

const PACKAGE = "packages/better-auth-admit";

describe("the better-auth-admit README", () => {
  it("shows each example file as it is", () => {
    const readme = fs.readFileSync(path.join(PACKAGE, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g)];
    expect(blocks.map((b) => b[1])).toEqual(["examples/invite-team.ts"]);
    for (const [, file, code] of blocks) expect(code, file).toBe(fs.readFileSync(path.join(PACKAGE, file), "utf8"));
  });

  it("'Inviting from server code' runs in a stock application", async () => {
    const db: Record<string, Record<string, unknown>[]> = {};
    for (const model of ["user", "session", "account", "verification", "organization", "member", "invitation", "team", "teamMember"]) db[model] = [];
    const auth = stockAuth(memoryAdapter(db));
    const signUp = await auth.api.signUpEmail({ body: { email: "olive@example.test", password: "password-123456", name: "Olive" }, returnHeaders: true });
    const headers = new Headers({ cookie: signUp.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") });
    const org = (await auth.api.createOrganization({ body: { name: "Acme", slug: "acme" }, headers }))!;

    const result = await inviteTeam(auth, signUp.response.user.id, org.id, ["ada@example.test", "not-an-address", "ADA@example.test"]);
    expect(result).toEqual({ ok: true, counts: { created: 1, refreshed: 0, skipped: 2 }, skipped: ["not-an-address: invalid_email", "ada@example.test: duplicate_in_request"] });
    expect(db.invitation).toHaveLength(1);
    expect(await inviteTeam(auth, "nobody", org.id, ["bob@example.test"])).toEqual({ ok: false, code: "INVITER_NOT_FOUND", message: "The inviter does not exist." });

    // Server-only: no HTTP route reaches them, whatever the path or cookie.
    for (const path of ["/create-invitations", "/createInvitations", "/add-members", "/addMembers", "/admit/create-invitations"]) {
      const res = await auth.handler(
        new Request(`http://localhost:3999/api/auth${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie: headers.get("cookie")!, origin: "http://localhost:3999" },
          body: JSON.stringify({ inviterId: signUp.response.user.id, organizationId: org.id, invitees: [{ email: "http@example.test" }] }),
        }),
      );
      expect(res.status, path).toBe(404);
    }
    expect(db.invitation).toHaveLength(1);
  });
});
