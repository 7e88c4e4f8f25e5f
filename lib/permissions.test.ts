import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { actorFromUserId } from "@/lib/actor";
import { actorOf, addMember, createOrganization, createUser } from "@/tests/support/factories";
import { authorize, can, mayManageOwners, scopeOf, type Actor, type Permission } from "./permissions";

type Who = "anonymous" | "banned" | "user" | "member" | "orgAdmin" | "owner" | "otherOwner" | "support" | "admin";

const actors = {} as Record<Who, Actor | null>;
let orgId: string;
let otherOrgId: string;

beforeAll(async () => {
  const [admin, support, user, owner, orgAdmin, member, otherOwner, banned] = await Promise.all([
    createUser({ role: "admin" }),
    createUser({ role: "support" }),
    createUser(),
    createUser(),
    createUser(),
    createUser(),
    createUser(),
    createUser({ banned: true }),
  ]);
  orgId = (await createOrganization(owner)).id;
  otherOrgId = (await createOrganization(otherOwner)).id;
  await addMember(orgId, orgAdmin, "admin");
  await addMember(orgId, member, "member");
  Object.assign(actors, {
    anonymous: null,
    // A banned user never gets an actor (lib/actor.ts returns null), so every rule denies them.
    banned: await actorFromUserId(banned.id),
    user: await actorOf(user),
    member: await actorOf(member),
    orgAdmin: await actorOf(orgAdmin),
    owner: await actorOf(owner),
    otherOwner: await actorOf(otherOwner),
    support: await actorOf(support),
    admin: await actorOf(admin),
  });
});

// Expected answers for an action on organization `orgId` (Y = allowed). Columns follow `WHO`.
const WHO: Who[] = ["anonymous", "banned", "user", "member", "orgAdmin", "owner", "otherOwner", "support", "admin"];
const MATRIX: [Permission, string][] = [
  //                          anon ban user mem oadm own oown sup adm
  ["console:access", /*    */ "N    N   N    N   Y    Y   Y    Y   Y"],
  ["organization:read", /* */ "N    N   N    N   Y    Y   N    Y   Y"],
  ["invitation:read", /*   */ "N    N   N    N   Y    Y   N    Y   Y"],
  ["invitation:create", /* */ "N    N   N    N   Y    Y   N    Y   Y"],
  ["invitation:resend", /* */ "N    N   N    N   Y    Y   N    Y   Y"],
  ["invitation:revoke", /* */ "N    N   N    N   Y    Y   N    N   Y"],
  ["member:create", /*     */ "N    N   N    N   Y    Y   N    Y   Y"],
  ["member:update", /*     */ "N    N   N    N   Y    Y   N    N   Y"],
  ["member:delete", /*     */ "N    N   N    N   Y    Y   N    N   Y"],
  ["user:read", /*         */ "N    N   N    N   N    N   N    Y   Y"],
  ["user:set-role", /*     */ "N    N   N    N   N    N   N    N   Y"],
  ["user:ban", /*          */ "N    N   N    N   N    N   N    Y   Y"],
  ["user:revoke-sessions", "N    N   N    N   N    N   N    Y   Y"],
  ["signInLink:create", /* */ "N    N   N    N   N    N   N    Y   Y"],
  ["signInLink:impersonate", "N    N   N    N   N    N   N    N   Y"],
  ["signInLink:read", /*   */ "N    N   N    N   N    N   N    Y   Y"],
  ["signInLink:revoke", /* */ "N    N   N    N   N    N   N    N   Y"],
  ["campaign:create", /*   */ "N    N   N    N   Y    Y   N    Y   Y"],
  ["campaign:read", /*     */ "N    N   N    N   Y    Y   N    Y   Y"],
  ["campaign:manage", /*   */ "N    N   N    N   Y    Y   N    Y   Y"],
  ["audit:read", /*        */ "N    N   N    N   Y    Y   N    Y   Y"],
  ["audit:verify", /*      */ "N    N   N    N   N    N   N    N   Y"],
  ["organization:seats", /**/ "N    N   N    N   N    N   N    N   Y"],
  ["organization:settings", "N    N   N    N   Y    Y   N    N   Y"],
  ["apiKey:create", /*     */ "N    N   N    N   Y    Y   Y    Y   Y"],
  ["apiKey:manage-any", /* */ "N    N   N    N   N    N   N    N   Y"],
  ["webhook:manage", /*    */ "N    N   N    N   N    N   N    N   Y"],
  ["suppression:read", /*  */ "N    N   N    N   N    N   N    Y   Y"],
  ["suppression:manage", /**/ "N    N   N    N   N    N   N    N   Y"],
];

describe("permission matrix on one organization", () => {
  const cases = MATRIX.flatMap(([permission, row]) => {
    const answers = row.trim().split(/\s+/);
    return WHO.map((who, i) => ({ permission, who, expected: answers[i] === "Y" }));
  });
  it.each(cases)("$who → $permission = $expected", async ({ permission, who, expected }) => {
    // "console:access" and the API key rules are asked without an organization; the rest about `orgId`.
    const resource = permission === "console:access" || permission.startsWith("apiKey:") ? {} : { organizationId: orgId };
    const actor = actors[who];
    // The banned actor here has role "user" and no memberships, so every rule denies it.
    expect(await can(actor, permission, resource)).toBe(expected);
  });
});

describe("scopes and resource rules", () => {
  it("support may revoke their own invitations but not other people's", async () => {
    const support = actors.support!;
    expect(await can(support, "invitation:revoke", { organizationId: orgId, createdBy: support.userId })).toBe(true);
    expect(await can(support, "invitation:revoke", { organizationId: orgId, createdBy: actors.admin!.userId })).toBe(false);
  });

  it("an owner's scope is their own organization only; staff see all", async () => {
    expect(await scopeOf(actors.owner, "invitation:read")).toEqual({ all: false, organizationIds: [orgId] });
    expect(await scopeOf(actors.otherOwner, "invitation:read")).toEqual({ all: false, organizationIds: [otherOrgId] });
    expect(await scopeOf(actors.member, "invitation:read")).toEqual({ all: false, organizationIds: [] });
    expect(await scopeOf(actors.support, "invitation:read")).toEqual({ all: true });
  });

  it("authorize throws 401 for nobody and 403 for the wrong person", async () => {
    await expect(authorize(null, "user:read")).rejects.toMatchObject({ status: 401 });
    await expect(authorize(actors.owner, "user:read")).rejects.toMatchObject({ status: 403 });
    await expect(authorize(actors.admin, "user:read")).resolves.toBe(actors.admin);
  });

  it("only owners of the organization and platform admins may manage owners", async () => {
    const answers = await Promise.all((["owner", "orgAdmin", "member", "otherOwner", "support", "admin"] as const).map((w) => mayManageOwners(actors[w]!, orgId)));
    expect(answers).toEqual([true, false, false, false, false, true]);
  });

  it("decides from the actor it is handed; each new actor reads the role and memberships from the database", async () => {
    const promoted = await createUser();
    const before = await actorOf(promoted);
    expect(can(before, "user:read")).toBe(false);
    await prisma.user.update({ where: { id: promoted.id }, data: { role: "support" } });
    await addMember(otherOrgId, promoted, "admin");
    const after = await actorOf(promoted);
    expect(can(after, "user:read")).toBe(true);
    expect(can(after, "member:create", { organizationId: otherOrgId })).toBe(true);
    expect(can(before, "user:read")).toBe(false); // pure: the old actor is unchanged
    expect(await actorFromUserId(promoted.id)).toEqual(after);
  });
});

describe("an API key narrows its person's permissions", () => {
  const withKey = (who: Who, scopes: Permission[], organizationId: string | null = null): Actor => ({
    ...actors[who]!,
    key: { id: "key", name: "key", scopes: scopes as never, organizationId },
  });

  it("only the key's scopes, and never more than the person may", () => {
    const key = withKey("owner", ["invitation:read"]);
    expect(can(key, "invitation:read", { organizationId: orgId })).toBe(true);
    expect(can(key, "invitation:create", { organizationId: orgId })).toBe(false);
    expect(scopeOf(key, "invitation:create")).toEqual({ all: false, organizationIds: [] });
    // Every scope, but an owner does not issue sign-in links and sees no other organization.
    const all = withKey("owner", ["signInLink:create", "invitation:read"]);
    expect(can(all, "signInLink:create")).toBe(false);
    expect(can(all, "invitation:read", { organizationId: otherOrgId })).toBe(false);
  });

  it("a key limited to an organization: that organization only, and nothing that is not tied to one", () => {
    const key = withKey("admin", ["invitation:read", "invitation:create", "signInLink:create", "audit:read"], orgId);
    expect(can(key, "invitation:create", { organizationId: orgId })).toBe(true);
    expect(can(key, "invitation:create", { organizationId: otherOrgId })).toBe(false);
    expect(scopeOf(key, "invitation:read")).toEqual({ all: false, organizationIds: [orgId] });
    expect(scopeOf(key, "audit:read")).toEqual({ all: false, organizationIds: [orgId] });
    expect(can(key, "signInLink:create")).toBe(false);
    expect(scopeOf(key, "signInLink:create")).toEqual({ all: false, organizationIds: [] });
    // An owner's key limited to someone else's organization can do nothing there.
    const elsewhere = withKey("owner", ["invitation:read"], otherOrgId);
    expect(can(elsewhere, "invitation:read")).toBe(false);
    expect(scopeOf(elsewhere, "invitation:read")).toEqual({ all: false, organizationIds: [] });
    // The "own" rule too: support revoking their own invitation, through a key limited to another organization.
    const support = withKey("support", ["invitation:revoke"], otherOrgId);
    expect(can(support, "invitation:revoke", { organizationId: orgId, createdBy: actors.support!.userId })).toBe(false);
  });
});
