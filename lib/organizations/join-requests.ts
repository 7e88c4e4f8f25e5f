/**
 * What a verified domain does when someone with an address there signs in (lib/organizations/domains.ts):
 * `auto_join` adds them with the domain's role — through the same path as adding members by hand, on behalf of
 * whoever set the domain up, so seats, bans and every other check hold — and `request` files a join request
 * that the organization's owners and admins approve or decline. Only verified addresses count: an application that
 * lets people sign up without proving their address must not let them into an organization by its domain.
 * Sign-ins are seen by the worker's minute sweep
 * (lib/users/sign-ins.ts), so this happens within a minute of signing in, to the console or the application.
 */
import { randomUUID } from "node:crypto";
import { actingAs } from "@/lib/actor";
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { AppError, NotFoundError } from "@/lib/errors";
import { logError } from "@/lib/log";
import { addMembers } from "@/lib/memberships/add-members";
import { PERSON_SKIP_TEXT } from "@/lib/people";
import { authorize } from "@/lib/permissions";
import { groupBy } from "@/lib/utils";

type Match = { userId: string; email: string; domainId: string; domain: string; organizationId: string; policy: "auto_join" | "request"; role: string; createdById: string };

/** Applies the verified domains' policies to these people (just signed in); returns what was done. */
export async function applyDomainPolicies(userIds: string[]) {
  if (!userIds.length) return { joined: 0, requested: 0 };
  const matches = await prisma.$queryRaw<Match[]>`
    SELECT u.id AS "userId", u.email, d.id AS "domainId", d.domain, d."organizationId", d.policy, d.role, d."createdById"
    FROM "user" u
    JOIN "admit"."organization_domain" d ON d.domain = lower(split_part(u.email, '@', 2)) AND d."verifiedAt" IS NOT NULL AND d.policy <> 'none'
    WHERE u.id = ANY(${userIds}::text[]) AND u.banned IS NOT TRUE AND u."emailVerified" IS TRUE
      AND NOT EXISTS (SELECT 1 FROM "member" m WHERE m."organizationId" = d."organizationId" AND m."userId" = u.id)
      AND NOT EXISTS (SELECT 1 FROM "admit"."join_request" r WHERE r."organizationId" = d."organizationId" AND r."userId" = u.id)`;
  let joined = 0;
  for (const [, group] of groupBy(matches.filter((m) => m.policy === "auto_join"), (m) => `${m.domainId}`)) {
    const d = group[0];
    try {
      const ctx = await actingAs(d.createdById);
      const outcomes = await addMembers(ctx, { organizationId: d.organizationId, people: group.map((m) => ({ email: m.email, role: m.role as "member" | "admin" })) });
      const added = outcomes.filter((o) => o.status === "added");
      joined += added.length;
      await prisma.$transaction((tx) =>
        recordAudit(tx, { actor: null }, group.map((m) => {
          const outcome = outcomes.find((o) => o.email === m.email.toLowerCase());
          return { action: outcome?.status === "added" ? "domain.auto_joined" : "domain.auto_join_skipped", organizationId: m.organizationId, target: { type: "user", id: m.userId, label: m.email }, metadata: { domain: m.domain, role: m.role, reason: outcome?.reason ? PERSON_SKIP_TEXT[outcome.reason] : null } };
        })),
      );
    } catch (e) {
      // The person who set the domain up may no longer add members: nobody joins until an owner fixes it.
      logError("domains", `auto-join for ${d.domain} refused:`, e instanceof Error ? e.message : e);
    }
  }
  const requests = matches.filter((m) => m.policy === "request");
  if (requests.length) {
    await prisma.$transaction(async (tx) => {
      const made = await tx.$queryRaw<{ id: string; organizationId: string; userId: string; email: string }[]>`
        INSERT INTO "admit"."join_request" (id, "organizationId", "userId", email, "domainId")
        SELECT * FROM unnest(${requests.map(() => randomUUID())}::text[], ${requests.map((r) => r.organizationId)}::text[], ${requests.map((r) => r.userId)}::text[], ${requests.map((r) => r.email)}::text[], ${requests.map((r) => r.domainId)}::text[])
        ON CONFLICT ("organizationId", "userId") DO NOTHING
        RETURNING id, "organizationId", "userId", email`;
      await recordAudit(tx, { actor: null }, made.map((r) => ({ action: "join_request.created", organizationId: r.organizationId, target: { type: "user", id: r.userId, label: r.email }, metadata: { requestId: r.id } })));
    });
  }
  return { joined, requested: requests.length };
}

async function loadRequest(ctx: ActorContext, id: string) {
  const request = await prisma.joinRequest.findUnique({ where: { id } });
  if (!request) throw new NotFoundError("Join request not found.");
  await authorize(ctx.actor, "member:create", { organizationId: request.organizationId });
  if (request.status !== "pending") throw new AppError(`This request was already ${request.status}.`, 409);
  return request;
}

/** Adds the person as a member (the usual checks: seats, bans) and closes the request. */
export async function approveJoinRequest(ctx: ActorContext, id: string) {
  const request = await loadRequest(ctx, id);
  const [outcome] = await addMembers(ctx, { organizationId: request.organizationId, people: [{ email: request.email, role: "member" }] });
  if (outcome.status !== "added" && outcome.reason !== "already_member") throw new AppError(`Not added: ${outcome.reason ? PERSON_SKIP_TEXT[outcome.reason] : "refused"}.`, 409);
  await decide(ctx, request, "approved");
  return { status: "approved" as const };
}

export async function declineJoinRequest(ctx: ActorContext, id: string) {
  const request = await loadRequest(ctx, id);
  await decide(ctx, request, "declined");
  return { status: "declined" as const };
}

async function decide(ctx: ActorContext, request: { id: string; organizationId: string; userId: string; email: string }, status: "approved" | "declined") {
  await prisma.$transaction(async (tx) => {
    const done = await tx.joinRequest.updateMany({ where: { id: request.id, status: "pending" }, data: { status, decidedAt: new Date(), decidedById: ctx.actor?.userId } });
    if (!done.count) throw new AppError("This request was already decided.", 409);
    await recordAudit(tx, ctx, { action: `join_request.${status}`, organizationId: request.organizationId, target: { type: "user", id: request.userId, label: request.email }, metadata: { requestId: request.id } });
  });
}
