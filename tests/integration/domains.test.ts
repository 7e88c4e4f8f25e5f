/**
 * Verified domains (lib/organizations/domains.ts, join-requests.ts): proved by a DNS TXT record (a stub file
 * here), held by one organization at a time; at sign-in, people of a verified domain join with its role (seats
 * and bans still hold) or ask to join, and owners approve or decline. Every change audited.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { addDomain, removeDomain, setDomainPolicy, verifyDomain } from "@/lib/organizations/domains";
import { approveJoinRequest, declineJoinRequest } from "@/lib/organizations/join-requests";
import { setSeatLimit } from "@/lib/organizations/seats";
import { recordSignIns } from "@/lib/users/sign-ins";
import { actorOf, addMember, createOrganization, createUser, signInCookie } from "@/tests/support/factories";

const stub = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "admit-dns-")), "txt.json");
beforeAll(() => {
  process.env.ADMIT_DNS_STUB_FILE = stub;
});
afterAll(() => {
  delete process.env.ADMIT_DNS_STUB_FILE;
});
function publish(name: string, value: string) {
  const records = fs.existsSync(stub) ? JSON.parse(fs.readFileSync(stub, "utf8")) : {};
  records[name] = [...(records[name] ?? []), value];
  fs.writeFileSync(stub, JSON.stringify(records));
}

async function verifiedOrg(policy: "auto_join" | "request", role: "member" | "admin" = "member") {
  const owner = await createUser();
  const org = await createOrganization(owner);
  const ctx = { actor: await actorOf(owner) };
  const domain = `d${randomUUID().slice(0, 8)}.test`;
  const added = await addDomain(ctx, { organizationId: org.id, domain });
  publish(added.record.name, added.record.value);
  await verifyDomain(ctx, added.id);
  await setDomainPolicy(ctx, { id: added.id, policy, role });
  return { owner, org, ctx, domain, domainId: added.id };
}
const signInAs = async (email: string) => {
  await createUser({ email });
  await signInCookie(email);
  await recordSignIns(new Date(Date.now() + 1000));
};

describe("verified domains", () => {
  it("a domain is proved by its TXT record, held by one organization, audited", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const ctx = { actor: await actorOf(owner) };
    const domain = `Proof${randomUUID().slice(0, 6)}.TEST`;
    const added = await addDomain(ctx, { organizationId: org.id, domain });
    expect(added.record).toEqual({ name: `_admit-challenge.${domain.toLowerCase()}`, value: expect.stringMatching(/^admit-verification=[0-9a-f]{32}$/) });
    await expect(verifyDomain(ctx, added.id)).rejects.toMatchObject({ status: 422 });
    await expect(setDomainPolicy(ctx, { id: added.id, policy: "auto_join" })).rejects.toMatchObject({ status: 409 });
    publish(added.record.name, "admit-verification=someone-elses");
    await expect(verifyDomain(ctx, added.id)).rejects.toMatchObject({ status: 422 });
    publish(added.record.name, added.record.value);
    await expect(verifyDomain(ctx, added.id)).resolves.toEqual({ verified: true });
    // Another organization may claim it, but not verify it while this one holds it.
    const rival = await createUser();
    const rivalOrg = await createOrganization(rival);
    const rivalCtx = { actor: await actorOf(rival) };
    const claimed = await addDomain(rivalCtx, { organizationId: rivalOrg.id, domain });
    publish(claimed.record.name, claimed.record.value);
    await expect(verifyDomain(rivalCtx, claimed.id)).rejects.toMatchObject({ status: 409 });
    const actions = (await prisma.auditEvent.findMany({ where: { organizationId: org.id, targetType: "domain" }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["domain.added", "domain.verified"]);
  });

  it("refuses bad and public domains, duplicates, and people who may not change the organization", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const ctx = { actor: await actorOf(owner) };
    await expect(addDomain(ctx, { organizationId: org.id, domain: "gmail.com" })).rejects.toThrow("Public mail providers");
    await expect(addDomain(ctx, { organizationId: org.id, domain: "not a domain" })).rejects.toThrow("Enter a domain");
    await addDomain(ctx, { organizationId: org.id, domain: "dup-example.test" });
    await expect(addDomain(ctx, { organizationId: org.id, domain: "DUP-example.test" })).rejects.toMatchObject({ status: 409 });
    const member = await createUser();
    await addMember(org.id, member, "member");
    for (const who of [member, await createUser({ role: "support" })]) {
      await expect(addDomain({ actor: await actorOf(who) }, { organizationId: org.id, domain: "other-example.test" })).rejects.toMatchObject({ status: 403 });
    }
  });

  it("join on sign-in: people of the domain become members with its role; banned people and full organizations do not", async () => {
    const { org, domain, ctx } = await verifiedOrg("auto_join", "admin");
    const email = `ada@${domain}`;
    await signInAs(email);
    const ada = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(await prisma.member.findFirst({ where: { organizationId: org.id, userId: ada.id } })).toMatchObject({ role: "admin" });
    expect(await prisma.auditEvent.count({ where: { organizationId: org.id, action: "domain.auto_joined", targetId: ada.id } })).toBe(1);
    // Signing in again changes nothing.
    await signInCookie(email);
    await recordSignIns(new Date(Date.now() + 2000));
    expect(await prisma.member.count({ where: { organizationId: org.id, userId: ada.id } })).toBe(1);

    const admin = await createUser({ role: "admin" });
    await setSeatLimit({ actor: await actorOf(admin) }, { organizationId: org.id, seats: 2 });
    await signInAs(`full@${domain}`);
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "domain.auto_join_skipped" } })).toMatchObject({ metadata: { reason: expect.stringContaining("no seat left") } });
    // A banned person's session (one that survived a ban written directly): still never joins.
    await setSeatLimit({ actor: await actorOf(admin) }, { organizationId: org.id, seats: null });
    const banned = await createUser({ email: `banned@${domain}`, banned: true });
    await prisma.session.create({ data: { id: randomUUID(), token: randomUUID(), userId: banned.id, expiresAt: new Date(Date.now() + 3_600_000), createdAt: new Date(), updatedAt: new Date() } });
    await recordSignIns(new Date(Date.now() + 3000));
    // An address nobody proved (an application that lets people sign up unverified) does not count.
    const unproven = await createUser({ email: `unproven@${domain}` });
    await prisma.user.update({ where: { id: unproven.id }, data: { emailVerified: false } });
    await prisma.session.create({ data: { id: randomUUID(), token: randomUUID(), userId: unproven.id, expiresAt: new Date(Date.now() + 3_600_000), createdAt: new Date(), updatedAt: new Date() } });
    await recordSignIns(new Date(Date.now() + 3500));
    expect(await prisma.member.count({ where: { organizationId: org.id, userId: unproven.id } })).toBe(0);
    await signInAs(`after@${domain}`); // and the organization, no longer full, takes the next person
    expect(await prisma.member.count({ where: { organizationId: org.id, user: { email: `after@${domain}` } } })).toBe(1);
    expect(await prisma.member.count({ where: { organizationId: org.id, userId: banned.id } })).toBe(0);
    expect(ctx.actor).toBeTruthy();
  });

  it("ask to join: a request per person, owners approve or decline, once", async () => {
    const { org, domain, ctx, domainId } = await verifiedOrg("request");
    await signInAs(`grace@${domain}`);
    await signInAs(`linus@${domain}`);
    await signInAs(`ken@${domain}`);
    const requests = await prisma.joinRequest.findMany({ where: { organizationId: org.id }, orderBy: { email: "asc" } });
    expect(requests.map((r) => [r.email, r.status])).toEqual([
      [`grace@${domain}`, "pending"],
      [`ken@${domain}`, "pending"],
      [`linus@${domain}`, "pending"],
    ]);
    const member = await createUser();
    await addMember(org.id, member, "member");
    await expect(approveJoinRequest({ actor: await actorOf(member) }, requests[0].id)).rejects.toMatchObject({ status: 403 });
    await approveJoinRequest(ctx, requests[0].id);
    await expect(approveJoinRequest(ctx, requests[0].id)).rejects.toMatchObject({ status: 409 });
    await declineJoinRequest(ctx, requests[2].id);
    expect(await prisma.member.count({ where: { organizationId: org.id, userId: requests[0].userId } })).toBe(1);
    expect(await prisma.member.count({ where: { organizationId: org.id, userId: requests[2].userId } })).toBe(0);
    // A declined person signing in again does not ask again.
    await signInCookie(`linus@${domain}`);
    await recordSignIns(new Date(Date.now() + 5000));
    expect(await prisma.joinRequest.count({ where: { organizationId: org.id, userId: requests[2].userId } })).toBe(1);
    // Removing the domain declines what is still pending.
    await removeDomain(ctx, domainId);
    expect((await prisma.joinRequest.findUniqueOrThrow({ where: { id: requests[1].id } })).status).toBe("declined");
    const actions = await prisma.auditEvent.findMany({ where: { organizationId: org.id, action: { startsWith: "join_request." } }, select: { action: true } });
    expect(actions.map((a) => a.action).sort()).toEqual(["join_request.approved", "join_request.created", "join_request.created", "join_request.created", "join_request.declined"]);
  });
});
