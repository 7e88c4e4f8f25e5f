/**
 * The better-auth-admit README's examples are real code: each block marked `<!-- example: path -->` is
 * that file, unchanged, and the example runs against a stock application with only the plugin added.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { memoryAdapter } from "better-auth/adapters/memory";
import { describe, expect, it } from "vitest";
import { addPeople } from "@/packages/better-auth-admit/examples/add-people";
import { inviteTeam } from "@/packages/better-auth-admit/examples/invite-team";
import { welcomeLinks } from "@/packages/better-auth-admit/examples/welcome-links";
import { stockAuth } from "@/tests/support/plugin-app";

const PACKAGE = "packages/better-auth-admit";

describe("the better-auth-admit README", () => {
  it("shows each example file as it is", () => {
    const readme = fs.readFileSync(path.join(PACKAGE, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g)];
    expect(blocks.map((b) => b[1])).toEqual(["examples/invite-team.ts", "examples/add-people.ts", "examples/welcome-links.ts"]);
    // Every code block of the README is an example file, the install line, the plugin setup, or a list of signatures.
    const fenced = [...readme.matchAll(/```(\w+)\n/g)].length;
    expect(fenced, "code blocks").toBe(blocks.length + 4);
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

  it("'Adding members' and 'Sign-in links' run in a stock application: people added, links that sign in", async () => {
    const db: Record<string, Record<string, unknown>[]> = {};
    for (const model of ["user", "session", "account", "verification", "organization", "member", "invitation", "team", "teamMember", "signInLink"]) db[model] = [];
    const auth = stockAuth(memoryAdapter(db), {}, { signInLinks: true });
    const signUp = await auth.api.signUpEmail({ body: { email: "olive@example.test", password: "password-123456", name: "Olive" }, returnHeaders: true });
    const headers = new Headers({ cookie: signUp.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") });
    const org = (await auth.api.createOrganization({ body: { name: "Acme", slug: "acme" }, headers }))!;
    const added = await addPeople(auth, signUp.response.user.id, org.id, [{ email: "ada@example.test", name: "Ada", role: "admin" }, { email: "olive@example.test" }]);
    expect(added).toEqual({ counts: { added: 1, createdUsers: 1, skipped: 1 }, newUsers: ["ada@example.test"], superseded: 0 });

    const { adapter } = await auth.$context;
    const admin = await adapter.create<Record<string, unknown>, { id: string }>({ model: "user", data: { name: "Admin", email: "admin@example.test", emailVerified: true, role: "admin", createdAt: new Date(), updatedAt: new Date() } });
    const { emails, skipped } = await welcomeLinks(auth, admin.id, [{ email: "ada@example.test" }, { email: "new@example.test", name: "New" }, { email: "nope" }]);
    expect(skipped).toEqual(["nope: invalid_email"]);
    expect(emails.map((e) => e.to)).toEqual(["ada@example.test", "new@example.test"]);
    const url = emails[0].text.replace("Sign in: ", "");
    expect((await auth.handler(new Request(url))).status).toBe(200); // the confirm page; nothing used
    const res = await auth.handler(new Request(url, { method: "POST", headers: { "sec-fetch-site": "same-origin" } }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/welcome");
    expect(res.headers.getSetCookie().join(";")).toContain("better-auth.session_token=");
    const ada = db.user.find((u) => u.email === "ada@example.test")!;
    expect(db.session.filter((s) => s.userId === ada.id)).toHaveLength(1);
    expect((await auth.handler(new Request(url, { method: "POST", headers: { "sec-fetch-site": "same-origin" } }))).status).toBe(400); // once
  });

  it("what npm would publish: the built entry points, the README, and imports that resolve inside the package", () => {
    const run = spawnSync("npm", ["pack", "--dry-run", "--json", "-w", "better-auth-admit"], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const files = new Set((JSON.parse(run.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path));
    const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE, "package.json"), "utf8")) as { exports: Record<string, { types: string; default: string }> };
    for (const entry of Object.values(manifest.exports)) for (const target of [entry.types, entry.default]) expect(files, target).toContain(target.replace(/^\.\//, ""));
    expect(files).toContain("README.md");
    for (const file of [...files].filter((f) => f.startsWith("dist/") && f.endsWith(".js"))) {
      const source = fs.readFileSync(path.join(PACKAGE, file), "utf8");
      for (const [, spec] of source.matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
        expect(spec, `${file} imports ${spec}`).toMatch(/\.js$/);
        expect(files, `${file} imports ${spec}`).toContain(path.posix.join(path.posix.dirname(file), spec));
      }
    }
  });
});
