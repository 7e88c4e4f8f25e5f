import { z } from "zod";
import { addMembers } from "@/lib/memberships/add-members";
import { changeMemberRole, removeMember } from "@/lib/memberships/manage-members";
import { addMembersInput } from "@/lib/memberships/schema";
import { getOrganization, listOrganizations } from "@/lib/organizations/queries";
import { ORGANIZATION_SORTS } from "@/lib/organizations/schema";
import { PERSON_SKIP_TEXT } from "@/lib/people";
import { route } from "../route";
import { isoDate, pageInfo, pageOf, pageQuery, searchParamsOf, sortQuery } from "./common";

const organization = z
  .object({ id: z.string(), name: z.string(), slug: z.string().nullable(), createdAt: isoDate, members: z.number(), teams: z.number(), pendingInvitations: z.number() })
  .meta({ id: "Organization" });

const member = z
  .object({ id: z.string(), role: z.string(), createdAt: isoDate, user: z.object({ id: z.string(), name: z.string(), email: z.string() }) })
  .meta({ id: "Member" });

const addOutcome = z
  .object({
    email: z.string(),
    status: z.enum(["added", "skipped"]),
    reason: z.string().optional(),
    reasonText: z.string().optional(),
    userId: z.string().optional(),
    createdUser: z.boolean().optional(),
    welcomeSent: z.boolean().optional(),
  })
  .meta({ id: "AddMemberOutcome" });

export const organizationRoutes = [
  route({
    method: "GET",
    path: "/organizations",
    operationId: "listOrganizations",
    summary: "List organizations",
    tag: "Organizations",
    scope: "organization:read",
    query: z.object({ ...pageQuery, sort: sortQuery(ORGANIZATION_SORTS) }),
    response: z.object({ data: z.array(organization), ...pageInfo }),
    handler: async (ctx, { query }) => pageOf(await listOrganizations(ctx.actor, searchParamsOf(query)), query),
  }),
  route({
    method: "GET",
    path: "/organizations/{organizationId}",
    operationId: "getOrganization",
    summary: "Get an organization with its members and teams",
    tag: "Organizations",
    scope: "organization:read",
    response: z.object({ id: z.string(), name: z.string(), slug: z.string().nullable(), createdAt: isoDate, teams: z.array(z.object({ id: z.string(), name: z.string() })), members: z.array(member) }),
    handler: async (ctx, { params }) => {
      const org = await getOrganization(ctx.actor, params.organizationId);
      return { id: org.id, name: org.name, slug: org.slug, createdAt: org.createdAt, teams: org.teams, members: org.members };
    },
  }),
  route({
    method: "POST",
    path: "/organizations/{organizationId}/members",
    operationId: "addMembers",
    summary: "Add people to an organization (pre-accepted membership)",
    description: "Up to 10,000 people, new or existing accounts, each with an outcome. `sendWelcome` emails a sign-in link to people whose account this request creates.",
    tag: "Members",
    scope: "member:create",
    body: addMembersInput.omit({ organizationId: true }),
    maxBodyBytes: 8 * 1024 * 1024,
    response: z.object({ outcomes: z.array(addOutcome) }),
    status: 201,
    handler: async (ctx, { params, body }) => {
      const outcomes = await addMembers(ctx, { ...body, organizationId: params.organizationId });
      return { outcomes: outcomes.map((o) => ({ ...o, reasonText: o.reason ? PERSON_SKIP_TEXT[o.reason] : undefined })) };
    },
  }),
  route({
    method: "PATCH",
    path: "/members/{memberId}",
    operationId: "changeMemberRole",
    summary: "Change a member's role",
    description: "better-auth's owner rules: only an owner (or a platform admin) changes an owner or makes one; an organization keeps at least one owner (409).",
    tag: "Members",
    scope: "member:update",
    body: z.object({ role: z.enum(["member", "admin", "owner"]) }),
    response: z.object({ changed: z.boolean() }),
    handler: async (ctx, { params, body }) => changeMemberRole(ctx, params.memberId, body.role),
  }),
  route({
    method: "DELETE",
    path: "/members/{memberId}",
    operationId: "removeMember",
    summary: "Remove a member (and their team memberships there)",
    tag: "Members",
    scope: "member:delete",
    response: z.object({ removed: z.literal(true) }),
    handler: async (ctx, { params }) => {
      await removeMember(ctx, params.memberId);
      return { removed: true as const };
    },
  }),
];
