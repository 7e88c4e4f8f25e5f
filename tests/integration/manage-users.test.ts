/**
 * Account changes from the console (lib/users/manage-users.ts) and through better-auth's admin endpoints, both
 * under the one rule (lib/users/rules.ts): bans end every session at once and are audited; support changes only
 * plain users; nobody bans or demotes themselves; a refusal changes nothing.
 */
import { describe, expect, it } from "vitest";
import { actingAs, actorForSessionToken } from "@/lib/actor";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/db";
import { banUser, revokeUserSessions, setBanned, setPlatformRole, unbanUser } from "@/lib/users/manage-users";
import { listUsers } from "@/lib/users/queries";
import { addMember, createOrganization, createUser, signInCookie } from "@/tests/support/factories";

const ORIGIN = "http://localhost:3000";
const sessionsOf = (userId: string) => prisma.session.findMany({ where: { userId } });

describe("account changes", () => {
  it("a ban ends every session at once, is audited, and an unban lets them back", async () => {
    const admin = await createUser({ role: "admin" });
    const person = await createUser();
    await signInCookie(person.email);
    await signInCookie(person.email);
    const [session] = await sessionsOf(person.id);
    const ctx = await actingAs(admin.id);
    expect(await banUser(ctx, { userId: person.id, reason: "spam invitations", days: 7 })).toEqual({ done: true });
    expect(await sessionsOf(person.id)).toEqual([]);
    expect(await actorForSessionToken(session.token)).toBeNull();
    const banned = await prisma.user.findUniqueOrThrow({ where: { id: person.id } });
    expect([banned.banned, banned.banReason, banned.banExpires!.getTime() > Date.now() + 6 * 86_400_000]).toEqual([true, "spam invitations", true]);
    await expect(signInCookie(person.email)).rejects.toThrow();
    expect(await prisma.auditEvent.count({ where: { action: "user.banned", targetId: person.id, actorId: admin.id } })).toBe(1);
    await unbanUser(ctx, person.id);
    await signInCookie(person.email);
    await expect(unbanUser(ctx, person.id)).rejects.toMatchObject({ status: 409 });
    await expect(banUser(ctx, { userId: person.id, reason: "" })).rejects.toMatchObject({ status: 422 });
  });

  it("support bans and signs out plain users, never staff, and changes no roles", async () => {
    const support = await createUser({ role: "support" });
    const ctx = await actingAs(support.id);
    const person = await createUser();
    const admin = await createUser({ role: "admin" });
    const colleague = await createUser({ role: "support" });
    await signInCookie(person.email);
    expect(await revokeUserSessions(ctx, { userId: person.id })).toEqual({ sessionsEnded: 1 });
    await banUser(ctx, { userId: person.id, reason: "abuse" });
    for (const staff of [admin, colleague]) {
      await expect(banUser(ctx, { userId: staff.id, reason: "nope" })).rejects.toMatchObject({ status: 403 });
      await expect(revokeUserSessions(ctx, { userId: staff.id })).rejects.toMatchObject({ status: 403 });
    }
    await expect(setPlatformRole(ctx, { userId: person.id, role: "support" })).rejects.toMatchObject({ status: 403 });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).banned).toBeFalsy();
  });

  it("nobody bans or demotes themselves; an admin changes roles", async () => {
    const admin = await createUser({ role: "admin" });
    const ctx = await actingAs(admin.id);
    await expect(banUser(ctx, { userId: admin.id, reason: "oops" })).rejects.toMatchObject({ status: 403 });
    await expect(setPlatformRole(ctx, { userId: admin.id, role: "user" })).rejects.toMatchObject({ status: 403 });
    const person = await createUser();
    expect(await setPlatformRole(ctx, { userId: person.id, role: "support" })).toEqual({ changed: true });
    expect(await setPlatformRole(ctx, { userId: person.id, role: "support" })).toEqual({ changed: false });
    await expect(setPlatformRole(ctx, { userId: person.id, role: "king" })).rejects.toMatchObject({ status: 422 });
    expect(await prisma.auditEvent.count({ where: { action: "user.role_changed", targetId: person.id } })).toBe(1);
  });

  it("better-auth's own admin endpoints ask the same rule", async () => {
    const support = await createUser({ role: "support" });
    const admin = await createUser({ role: "admin" });
    const person = await createUser();
    const call = (path: string, cookie: string, body: object) =>
      auth.handler(new Request(`${ORIGIN}/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN, cookie }, body: JSON.stringify(body) }));
    const supportCookie = await signInCookie(support.email);
    const refused = await call("/admin/ban-user", supportCookie, { userId: admin.id, banReason: "nope" });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe("STAFF_TARGET");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).banned).toBeFalsy();
    expect((await call("/admin/ban-user", supportCookie, { userId: person.id, banReason: "spam" })).status).toBe(200);
    const adminCookie = await signInCookie(admin.email);
    const demote = await call("/admin/set-role", adminCookie, { userId: admin.id, role: "user" });
    expect(demote.status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
  });

  it("bulk: one transaction, an outcome each; refused and unchanged people are skipped with the reason", async () => {
    const support = await createUser({ role: "support" });
    const ctx = await actingAs(support.id);
    const [a, b] = [await createUser(), await createUser()];
    const admin = await createUser({ role: "admin" });
    await signInCookie(a.email);
    const outcomes = await setBanned(ctx, { userIds: [a.id, admin.id, b.id, support.id, "nobody"], banned: true, reason: "bulk: spam" });
    expect(outcomes.map((o) => [o.userId, o.status, o.reason ?? null])).toEqual([
      [a.id, "done", null],
      [admin.id, "skipped", "Only an admin may change an admin's or a support agent's account."],
      [b.id, "done", null],
      [support.id, "skipped", "Only an admin may change an admin's or a support agent's account."],
      ["nobody", "skipped", "User not found."],
    ]);
    expect(await sessionsOf(a.id)).toEqual([]);
    expect(await prisma.auditEvent.count({ where: { action: "user.banned", targetId: { in: [a.id, b.id] } } })).toBe(2);
    const again = await setBanned(ctx, { userIds: [a.id], banned: true, reason: "again" });
    expect(again[0]).toMatchObject({ status: "skipped", reason: "Already banned." });
    const lifted = await setBanned(ctx, { userIds: [a.id, b.id], banned: false });
    expect(lifted.map((o) => o.status)).toEqual(["done", "done"]);
    await expect(setBanned(ctx, { userIds: [a.id], banned: true, reason: "" })).rejects.toMatchObject({ status: 422 });
  });

  it("the users table filters by organization and by creation date", async () => {
    const admin = await createUser({ role: "admin" });
    const owner = await createUser();
    const org = await createOrganization(owner);
    const member = await createUser();
    await addMember(org.id, member, "member");
    const old = await createUser();
    await prisma.user.update({ where: { id: old.id }, data: { createdAt: new Date(Date.now() - 40 * 86_400_000) } });
    const actor = (await actingAs(admin.id)).actor;
    const ids = async (params: Record<string, string>) => (await listUsers(actor, { perPage: "100", ...params })).rows.map((r) => r.id);
    expect((await ids({ org: org.id })).sort()).toEqual([owner.id, member.id].sort());
    expect(await ids({ q: old.email, created: "30d" })).toEqual([]);
    expect(await ids({ q: old.email, created: "90d" })).toEqual([old.id]);
    const past = await listUsers(actor, { q: old.email, perPage: "10", page: "2" });
    expect([past.rows, past.rowCount]).toEqual([[], 1]);
    const menus = await listUsers(actor, {});
    expect(menus.organizations.some((o) => o.value === org.id)).toBe(true);
    // People per platform role: no role counts as "user" (four here at least), the admin as "admin".
    expect([menus.roleCounts.user >= 4, menus.roleCounts.admin >= 1, menus.roleCounts.null]).toEqual([true, true, undefined]);
  });
});

