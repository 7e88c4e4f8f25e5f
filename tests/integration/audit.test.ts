import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { prisma, sqlTransaction } from "@/lib/db";
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

  it("are the same rows from a transaction on pg (the link exchange's), which commits or rolls back as a whole with its announcements", async () => {
    const admin = await createUser({ role: "admin" });
    const ctx = { actor: await actorOf(admin), ipAddress: "10.0.0.1", userAgent: "vitest" };
    // An endpoint of an organization nobody else uses: only these events reach it.
    const organizationId = `org_${randomUUID()}`;
    const hook = await prisma.webhookEndpoint.create({ data: { id: randomUUID(), url: "http://127.0.0.1:9/", secret: "whsec_test", events: ["sign_in_link.used"], organizationId, createdById: admin.id } });
    const used = { action: "signInLink.used", organizationId, target: { type: "signInLink", id: "link-1", label: "a@example.test" }, metadata: { purpose: "sign-in" } };
    try {
      await expect(
        sqlTransaction(async (tx) => {
          await recordAudit(tx, ctx, used);
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await prisma.auditEvent.count({ where: { organizationId } })).toBe(0);
      expect(await prisma.webhookEvent.count({ where: { organizationId } })).toBe(0);

      await sqlTransaction((tx) => recordAudit(tx, ctx, [used, { action: "test.unannounced", organizationId }]));
      await prisma.$transaction((tx) => recordAudit(tx, ctx, used));
      const events = await prisma.auditEvent.findMany({ where: { organizationId }, orderBy: { createdAt: "asc" } });
      expect(events.map((e) => e.action)).toEqual(["signInLink.used", "test.unannounced", "signInLink.used"]);
      const columns = ({ id: _id, createdAt: _at, ...rest }: (typeof events)[number]) => rest;
      expect(columns(events[0])).toEqual(columns(events[2]));
      expect(events[0]).toMatchObject({ actorId: admin.id, actorEmail: admin.email, targetLabel: "a@example.test", metadata: { purpose: "sign-in" }, ipAddress: "10.0.0.1", chain: null });
      expect(Math.abs(events[0].createdAt.getTime() - Date.now())).toBeLessThan(60_000);
      // Announced once per subscribed change, with its delivery, from either kind of transaction.
      const announced = await prisma.webhookEvent.findMany({ where: { organizationId } });
      expect(announced.map((e) => e.type)).toEqual(["sign_in_link.used", "sign_in_link.used"]);
      const deliveries = await prisma.webhookDelivery.findMany({ where: { endpointId: hook.id } });
      expect(deliveries.map((d) => d.eventId).sort()).toEqual(announced.map((e) => e.id).sort());
    } finally {
      await prisma.webhookDelivery.deleteMany({ where: { endpointId: hook.id } });
      await prisma.webhookEndpoint.delete({ where: { id: hook.id } });
    }
  });

  it("read back from a transaction on pg with the types Prisma's raw queries give", async () => {
    const statement = (tx: Pick<typeof prisma, "$queryRaw">) =>
      tx.$queryRaw<{ at: Date; n: bigint; list: string[]; day: Date; nothing: null }[]>`
        SELECT timestamptz '2026-01-02 03:04:05.678+00' AS at, timestamp '2026-01-02 03:04:05.678' AS plain, 9007199254740993::int8 AS n, ARRAY['a','b'] AS list, date '2026-01-02' AS day, NULL AS nothing, ${new Date("2026-05-06T07:08:09Z")}::timestamptz AS sent`;
    const [viaPg] = await sqlTransaction((tx) => statement(tx));
    const [viaPrisma] = await statement(prisma);
    expect(viaPg).toEqual(viaPrisma);
    expect(viaPg).toMatchObject({ at: new Date("2026-01-02T03:04:05.678Z"), plain: new Date("2026-01-02T03:04:05.678Z"), n: 9007199254740993n, list: ["a", "b"], sent: new Date("2026-05-06T07:08:09Z") });
  });
});
