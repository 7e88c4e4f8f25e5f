/**
 * Account changes from the console (lib/users/manage-users.ts) and through better-auth's admin endpoints, both
 * under the one rule (lib/users/rules.ts): bans end every session at once and are audited; support changes only
 * plain users; nobody bans or demotes themselves; a refusal changes nothing.
 */
import { describe, expect, it } from "vitest";
import { actingAs, actorForSession } from "@/lib/actor";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/db";
import { banUser, revokeUserSessions, setPlatformRole, unbanUser } from "@/lib/users/manage-users";
import { createUser, signInCookie } from "@/tests/support/factories";

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
    expect(await banUser(ctx, { userId: person.id, reason: "spam invitations", days: 7 })).toEqual({ sessionsEnded: 2 });
    expect(await sessionsOf(person.id)).toEqual([]);
    expect(await actorForSession(person.id, { sessionId: session.id })).toBeNull();
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
});
