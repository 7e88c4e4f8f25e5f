/**
 * Per-invitation destination and metadata (lib/invitations/extras.ts): held to the redirect rule and a size
 * limit when the invitation is made (console code and the HTTP API), kept on renewal, carried into the
 * membership in the acceptance's transaction and announced with it; the person lands where the invitation says.
 */
import { describe, expect, it } from "vitest";
import { actingAs } from "@/lib/actor";
import { prisma } from "@/lib/db";
import { acceptInvitationForUser } from "@/lib/invitations/accept";
import { createInvitations } from "@/lib/invitations/create-invitations";
import { getInvitation } from "@/lib/invitations/queries";
import { apiKeyFor, createOrganization, createUser, uniqueEmail } from "@/tests/support/factories";

const route = await import("@/app/api/v1/[[...path]]/route");
async function api(method: "GET" | "POST", path: string, key: string, body?: unknown) {
  const handler = (route as unknown as Record<string, (r: Request) => Promise<Response>>)[method];
  const res = await handler(
    new Request(`http://localhost:3000/api/v1${path}`, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "x-forwarded-for": "10.9.8.9" }, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
  return { status: res.status, body: await res.json() };
}

describe("invitation extras", () => {
  it("an invitation's destination and metadata are kept, carried into the membership on acceptance, and announced", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const asOwner = await actingAs(owner.id);
    const person = await createUser({ email: uniqueEmail("extra") });
    const metadata = { plan: "pro", seats: 3, tags: ["beta", "eu"], nested: { source: "crm" } };
    const { outcomes } = await createInvitations(asOwner, { organizationId: org.id, send: false, invitees: [{ email: person.email, redirectTo: "/projects/42?tab=team", metadata }] });
    const id = outcomes[0].invitationId!;
    expect(await getInvitation(asOwner.actor, id)).toMatchObject({ id, redirectTo: "/projects/42?tab=team", metadata });
    // Renewed without extras: they stay.
    await createInvitations(asOwner, { organizationId: org.id, send: false, invitees: [{ email: person.email }] });
    expect((await getInvitation(asOwner.actor, id)).metadata).toEqual(metadata);

    expect(await acceptInvitationForUser(id, person)).toEqual({ accepted: true, redirectTo: "/projects/42?tab=team" });
    const member = await prisma.member.findFirstOrThrow({ where: { organizationId: org.id, userId: person.id } });
    expect(await prisma.memberMetadata.findUniqueOrThrow({ where: { memberId: member.id } })).toMatchObject({ invitationId: id, userId: person.id, metadata });
    const accepted = await prisma.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "invitation.accepted" } });
    expect(accepted.metadata).toMatchObject({ membershipMetadata: metadata });
    // An invitation without extras: no membership metadata, the link's own destination.
    const plain = await createUser();
    const { outcomes: more } = await createInvitations(asOwner, { organizationId: org.id, send: false, invitees: [{ email: plain.email }] });
    expect(await acceptInvitationForUser(more[0].invitationId!, plain)).toEqual({ accepted: true, redirectTo: null });
    expect(await prisma.memberMetadata.count({ where: { userId: plain.id } })).toBe(0);
  });

  it("refuses destinations off the site and oversized metadata, writing nothing", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const asOwner = await actingAs(owner.id);
    const email = uniqueEmail("refused");
    for (const redirectTo of ["https://evil.example/", "//evil.example", "/.//evil.example", "/\\evil", "javascript:alert(1)"]) {
      await expect(createInvitations(asOwner, { organizationId: org.id, send: false, invitees: [{ email, redirectTo }] })).rejects.toThrow("redirectTo must be a path on this site");
    }
    await expect(createInvitations(asOwner, { organizationId: org.id, send: false, invitees: [{ email, metadata: { blob: "x".repeat(5000) } }] })).rejects.toThrow("at most 4096 bytes");
    await expect(createInvitations(asOwner, { organizationId: org.id, send: false, invitees: [{ email, metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) }] })).rejects.toThrow("at most 50 keys");
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    await expect(createInvitations(asOwner, { organizationId: org.id, send: false, invitees: [{ email, metadata: { deep } as never }] })).rejects.toThrow("nests at most 8 levels");
    expect(await prisma.invitation.count({ where: { organizationId: org.id, email } })).toBe(0);
  });

  it("the HTTP API takes them per invitee and returns them", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const { key } = await apiKeyFor(owner);
    const email = uniqueEmail("apiextra");
    const created = await api("POST", "/invitations", key, { organizationId: org.id, send: false, invitees: [{ email, redirectTo: "/onboarding", metadata: { crmId: "A-17" } }] });
    expect(created.status).toBe(201);
    const got = await api("GET", `/invitations/${created.body.outcomes[0].invitationId}`, key);
    expect(got.body).toMatchObject({ email, redirectTo: "/onboarding", metadata: { crmId: "A-17" } });
    const bad = await api("POST", "/invitations", key, { organizationId: org.id, invitees: [{ email, redirectTo: "https://evil.example" }] });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain("#/invitees/0/redirectTo");
  });
});
