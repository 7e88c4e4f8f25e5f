/**
 * The audit log's export (`/audit/export`): the page's filters inside the reader's scope, CSV (spreadsheet-safe,
 * every column) or NDJSON, streamed in batches past 1,000 events; nothing for a reader without the permission.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createOrganization, createUser, signInCookie } from "@/tests/support/factories";

const { GET } = await import("@/app/(console)/audit/export/route");
const get = (query: string, cookie?: string) => GET(new Request(`http://localhost:3000/audit/export?${query}`, { headers: cookie ? { cookie } : {} }));

describe("audit export", () => {
  const tag = `exp${randomUUID().slice(0, 8)}`;
  let org: { id: string };
  let otherOrg: { id: string };
  let ownerCookie: string;
  beforeAll(async () => {
    const owner = await createUser();
    org = await createOrganization(owner);
    otherOrg = await createOrganization(await createUser());
    ownerCookie = await signInCookie(owner.email);
    const at = Date.now();
    await prisma.auditEvent.createMany({
      data: [
        ...Array.from({ length: 1205 }, (_, i) => ({ action: "invitation.created", organizationId: org.id, targetLabel: `${tag}.${i}@example.test`, createdAt: new Date(at - i * 1000), metadata: { i } })),
        { action: "invitation.created", organizationId: org.id, targetLabel: `=HYPERLINK("x") ${tag}`, actorEmail: "a,b@example.test", createdAt: new Date(at - 2_000_000) },
        { action: "invitation.created", organizationId: otherOrg.id, targetLabel: `${tag}.other@example.test` },
      ],
    });
  });

  it("streams every matching event in scope as NDJSON, newest first, past one batch", async () => {
    const res = await get(`format=ndjson&q=${tag}`, ownerCookie);
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.ndjson"/);
    const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l) as { targetLabel: string; organizationId: string; metadata: { i?: number }; createdAt: string });
    expect(lines).toHaveLength(1206);
    expect(lines.every((l) => l.organizationId === org.id)).toBe(true);
    expect(lines[0].metadata.i).toBe(0);
    expect(lines[1204].metadata.i).toBe(1204);
    expect(new Set(lines.map((l) => l.targetLabel)).size).toBe(1206);
  });

  it("CSV: a header, every column, cells a spreadsheet will not run", async () => {
    const text = await (await get(`format=csv&q=${encodeURIComponent("HYPERLINK")}`, ownerCookie)).text();
    const [header, row, end] = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toBe("id,createdAt,action,actorId,actorEmail,impersonatorId,apiKeyId,organizationId,targetType,targetId,targetLabel,ipAddress,userAgent,metadata,chain,seq,prevHash,hash");
    expect(row).toContain(`"'=HYPERLINK(""x"") ${tag}"`);
    expect(row).toContain(`"a,b@example.test"`);
    expect(end).toBe("");
  });

  it("refuses a reader without the permission and one without a session", async () => {
    const member = await createUser();
    expect((await get("format=csv", await signInCookie(member.email))).status).toBe(403);
    expect((await get("format=csv")).status).toBe(401);
  });
});
