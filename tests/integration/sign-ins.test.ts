/**
 * Sign-in records (lib/users/sign-ins.ts) and the users table's "never signed in" filter: a person who signed in
 * stays "signed in" after signing out (better-auth deletes the session); impersonation is not a sign-in; the
 * table's other filters, search and sort still hold on the same statement.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actingAs } from "@/lib/actor";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/db";
import { getPerson, listUsers } from "@/lib/users/queries";
import { recordSignIns } from "@/lib/users/sign-ins";
import { createUser, signInCookie } from "@/tests/support/factories";

describe("sign-in records", () => {
  it("records who signed in, keeps it after sign-out, ignores impersonation, and filters the users table by it", async () => {
    const tag = `si${randomUUID().slice(0, 6)}`;
    const admin = await createUser({ role: "admin" });
    const [came, never, impersonated] = await Promise.all(["came", "never", "imp"].map((n) => createUser({ email: `${n}.${tag}@example.test`, name: `${tag} ${n}` })));
    const cookie = await signInCookie(came.email);
    await prisma.session.create({
      data: { id: randomUUID(), token: randomUUID(), userId: impersonated.id, impersonatedBy: admin.id, expiresAt: new Date(Date.now() + 3_600_000), createdAt: new Date(), updatedAt: new Date() },
    });
    await recordSignIns();
    await auth.api.signOut({ headers: new Headers({ cookie }) });
    expect(await prisma.session.count({ where: { userId: came.id } })).toBe(0);
    await recordSignIns();

    const actor = (await actingAs(admin.id)).actor;
    const ids = async (params: Record<string, string>) => (await listUsers(actor, { perPage: "100", q: tag, ...params })).rows.map((r) => r.id);
    expect((await ids({ signIn: "never" })).sort()).toEqual([never.id, impersonated.id].sort());
    expect(await ids({ signIn: "ever" })).toEqual([came.id]);
    expect((await ids({})).length).toBe(3);
    const page = await listUsers(actor, { q: tag, sort: "name.asc" });
    expect(page.rows.map((r) => r.name)).toEqual([`${tag} came`, `${tag} imp`, `${tag} never`]);
    expect(page.rows.find((r) => r.id === came.id)?.lastSeenAt).not.toBeNull();
    expect(page.rows.find((r) => r.id === never.id)?.lastSeenAt).toBeNull();
    expect(page.rowCount).toBe(3);

    expect((await getPerson(actor, came.id)).signIns.last).toEqual(expect.any(String));
    expect((await getPerson(actor, impersonated.id)).signIns).toEqual({ first: null, last: null });
    // A second sign-in moves "last" and keeps "first".
    const first = (await prisma.userSignIn.findUniqueOrThrow({ where: { userId: came.id } })).firstAt;
    await signInCookie(came.email);
    await recordSignIns(new Date(Date.now() + 1000));
    const again = await prisma.userSignIn.findUniqueOrThrow({ where: { userId: came.id } });
    expect(again.firstAt).toEqual(first);
    expect(again.lastAt.getTime()).toBeGreaterThan(first.getTime());
  });

  it("search treats % and _ as text", async () => {
    const admin = await createUser({ role: "admin" });
    const actor = (await actingAs(admin.id)).actor;
    const tag = randomUUID().slice(0, 6);
    const odd = await createUser({ name: `100%_${tag}` });
    await createUser({ name: `100ab${tag}` });
    expect((await listUsers(actor, { q: `100%_${tag}` })).rows.map((r) => r.id)).toEqual([odd.id]);
    expect((await listUsers(actor, { q: "%%%%%%%%" })).rows).toEqual([]);
  });
});
