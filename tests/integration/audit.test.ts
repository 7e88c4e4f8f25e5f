import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { actorOf, createUser } from "@/tests/support/factories";

describe("audit events", () => {
  it("are written in the caller's transaction and roll back with it", async () => {
    const admin = await createUser({ role: "admin" });
    const ctx = { actor: await actorOf(admin), ipAddress: "127.0.0.1", userAgent: "vitest" };
    await expect(
      prisma.$transaction(async (tx) => {
        await recordAudit(tx, ctx, { action: "test.rolled-back", target: { type: "user", id: admin.id } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await prisma.auditEvent.count({ where: { actorId: admin.id } })).toBe(0);

    await prisma.$transaction((tx) => recordAudit(tx, ctx, { action: "test.committed", target: { type: "user", id: admin.id, label: admin.email } }));
    const [event] = await prisma.auditEvent.findMany({ where: { actorId: admin.id } });
    expect(event).toMatchObject({ action: "test.committed", actorEmail: admin.email, targetLabel: admin.email, ipAddress: "127.0.0.1", userAgent: "vitest" });
  });

  it("records the impersonator alongside the actor", async () => {
    const [admin, user] = await Promise.all([createUser({ role: "admin" }), createUser()]);
    const actor = await actorOf(user, admin.id);
    await prisma.$transaction((tx) => recordAudit(tx, { actor }, { action: "test.impersonated" }));
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { actorId: user.id } });
    expect(event.impersonatorId).toBe(admin.id);
  });
});
