/**
 * Under contention: many requests at once for the same invitees or the same link must give the documented
 * outcomes and leave exactly one of each thing behind.
 */
import { describe, expect, it } from "vitest";
import { actingAs } from "@/lib/actor";
import { POST as confirmLink } from "@/app/(auth)/link/[token]/confirm/route";
import { prisma } from "@/lib/db";
import { createInvitations, type InviteOutcome } from "@/lib/invitations/create-invitations";
import { issueSignInLinks } from "@/lib/sign-in-links/issue-sign-in-links";
import { getActor } from "@/lib/session";
import { cookieHeader, createOrganization, createUser, uniqueEmail } from "@/tests/support/factories";

describe("concurrency", () => {
  it("200 concurrent invitation requests for overlapping emails: one pending invitation each, only documented outcomes", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const pool = Array.from({ length: 40 }, (_, i) => uniqueEmail(`overlap${i}`));
    // Each request invites 5 addresses from the pool, overlapping heavily with the others.
    const requests = Array.from({ length: 200 }, (_, r) => Array.from({ length: 5 }, (_, k) => pool[(r * 7 + k * 3) % pool.length]));
    const settled = await Promise.allSettled(
      requests.map(async (emails) => createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: emails.map((email) => ({ email })), send: false })),
    );
    const failures = settled.filter((s) => s.status === "rejected");
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);

    const outcomes = settled.flatMap((s) => (s as PromiseFulfilledResult<{ outcomes: InviteOutcome[] }>).value.outcomes);
    expect(outcomes).toHaveLength(1000);
    // The first request for an address creates; later ones find it pending and refresh it.
    expect(new Set(outcomes.map((o) => o.status))).toEqual(new Set(["created", "refreshed"]));
    const created = outcomes.filter((o) => o.status === "created").map((o) => o.email);
    expect(new Set(created).size).toBe(created.length);

    const rows = await prisma.invitation.groupBy({ by: ["email"], where: { organizationId: org.id, status: "pending" }, _count: { _all: true } });
    const invited = new Set(requests.flat());
    expect(rows).toHaveLength(invited.size);
    expect(rows.every((r) => r._count._all === 1)).toBe(true);
    expect(created.sort()).toEqual([...invited].sort());
    // One audit event per outcome, written with it.
    const audited = await prisma.auditEvent.count({ where: { organizationId: org.id, action: { in: ["invitation.created", "invitation.refreshed"] } } });
    expect(audited).toBe(1000);
  });

  it("100 concurrent confirmations of one sign-in link: exactly one session, one use, one audit event", async () => {
    const admin = await createUser({ role: "admin" });
    const target = await createUser();
    const [link] = await issueSignInLinks(await actingAs(admin.id), { purpose: "sign-in", recipients: [{ email: target.email }] });
    const token = link.url!.split("/link/")[1];
    const origin = "http://localhost:3000";
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        confirmLink(new Request(`${origin}/link/${token}/confirm`, { method: "POST", headers: { origin, "x-forwarded-for": `127.9.${Math.floor(i / 200)}.${1 + (i % 200)}` } }), {
          params: Promise.resolve({ token }),
        }),
      ),
    );
    const signedIn = [];
    for (const res of responses) {
      expect(res.status).toBe(303);
      const actor = await getActor(new Headers({ cookie: cookieHeader(res) }));
      if (actor) signedIn.push(actor);
    }
    expect(signedIn).toHaveLength(1);
    expect(signedIn[0].userId).toBe(target.id);
    expect(responses.filter((r) => r.headers.get("location") === "/welcome")).toHaveLength(1);
    expect(await prisma.session.count({ where: { userId: target.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { targetId: link.linkId, action: "signInLink.used" } })).toBe(1);
  });
});
