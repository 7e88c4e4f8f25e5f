import { z } from "zod";
import { ORG_ROLES } from "@/lib/access";
import { createInvitations } from "@/lib/invitations/create-invitations";
import { resendInvitations, revokeInvitations } from "@/lib/invitations/manage-invitations";
import { findInvitations, getInvitation } from "@/lib/invitations/queries";
import { createInvitationsInput, EXPIRING_WITHIN, expiresInSchema, INVITATION_SORTS } from "@/lib/invitations/schema";
import { INVITATION_STATUSES } from "@/lib/invitations/status";
import { PERSON_SKIP_TEXT } from "@/lib/people";
import { route } from "../route";
import { idsBody, isoDate, listFilter, manageOutcome, pageInfo, pageOf, pageQuery, searchParamsOf, sortQuery } from "./common";

const invitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.string(),
    status: z.enum(INVITATION_STATUSES),
    organizationId: z.string(),
    organization: z.string(),
    teamIds: z.array(z.string()),
    inviterEmail: z.string().nullable(),
    expiresAt: isoDate,
    createdAt: isoDate,
  })
  .meta({ id: "Invitation" });

const listQuery = z.object({
  ...pageQuery,
  sort: sortQuery(INVITATION_SORTS),
  status: listFilter(INVITATION_STATUSES, "Statuses, comma-separated."),
  organizationId: listFilter(null, "Organization ids, comma-separated."),
  role: listFilter(ORG_ROLES, "Roles, comma-separated."),
  inviterId: listFilter(null, "Inviters' user ids, comma-separated."),
  expiring: listFilter(EXPIRING_WITHIN.map((e) => e.value), "Pending and expiring within: 24h, 3d or 7d."),
});

const inviteOutcome = z
  .object({
    email: z.string(),
    status: z.enum(["created", "refreshed", "skipped"]),
    reason: z.string().optional().meta({ description: "Why the person was skipped (a stable code)." }),
    reasonText: z.string().optional(),
    role: z.string().optional(),
    invitationId: z.string().optional(),
    expiresAt: isoDate.optional(),
    sent: z.boolean().optional(),
    suppressed: z.boolean().optional().meta({ description: "Not emailed: the address is on the suppression list." }),
  })
  .meta({ id: "InviteOutcome" });

export const invitationRoutes = [
  route({
    method: "POST",
    path: "/invitations",
    operationId: "createInvitations",
    summary: "Invite people to an organization",
    description:
      "Up to 50,000 invitees in one request, each with an outcome (created, refreshed for a pending one, or skipped with a reason). Acts as the key's person, with better-auth's checks. `send: false` creates them without email.",
    tag: "Invitations",
    scope: "invitation:create",
    body: createInvitationsInput,
    maxBodyBytes: 16 * 1024 * 1024,
    response: z.object({ outcomes: z.array(inviteOutcome), counts: z.object({ created: z.number(), refreshed: z.number(), skipped: z.number(), sent: z.number(), sendFailed: z.number() }) }),
    status: 201,
    handler: async (ctx, { body }) => {
      const result = await createInvitations(ctx, body);
      return {
        counts: result.counts,
        outcomes: result.outcomes.map((o) => ({ ...o, reasonText: o.reason ? PERSON_SKIP_TEXT[o.reason] : undefined, expiresAt: o.expiresAt?.toISOString() })),
      };
    },
  }),
  route({
    method: "GET",
    path: "/invitations",
    operationId: "listInvitations",
    summary: "List invitations",
    description: "The console's filters and paging, within what the key may read.",
    tag: "Invitations",
    scope: "invitation:read",
    query: listQuery,
    response: z.object({ data: z.array(invitation), ...pageInfo }),
    handler: async (ctx, { query }) => {
      const { organizationId, inviterId, ...rest } = query;
      const page = await findInvitations(ctx.actor, searchParamsOf({ ...rest, org: organizationId, inviter: inviterId }));
      return pageOf(page, { page: page.page, perPage: page.perPage });
    },
  }),
  route({
    method: "GET",
    path: "/invitations/{id}",
    operationId: "getInvitation",
    summary: "Get one invitation",
    tag: "Invitations",
    scope: "invitation:read",
    response: invitation.extend({
      redirectTo: z.string().nullable().meta({ description: "Where the person lands once they accept (a path), if the invitation says." }),
      metadata: z.record(z.string(), z.unknown()).nullable().meta({ description: "Metadata (JSON) carried into the membership when accepted." }),
    }).meta({ id: "InvitationDetail" }),
    handler: async (ctx, { params }) => getInvitation(ctx.actor, params.id),
  }),
  route({
    method: "POST",
    path: "/invitations/resend",
    operationId: "resendInvitations",
    summary: "Resend invitations (new expiry, same link, mailed again)",
    description: "Refused as a whole (403) if any invitation is not the key's to change; rows in another state are reported as skipped.",
    tag: "Invitations",
    scope: "invitation:resend",
    body: idsBody.extend({ expiresIn: expiresInSchema.optional() }),
    response: z.object({ outcomes: z.array(manageOutcome) }),
    handler: async (ctx, { body }) => ({ outcomes: await resendInvitations(ctx, body.ids, body.expiresIn) }),
  }),
  route({
    method: "POST",
    path: "/invitations/revoke",
    operationId: "revokeInvitations",
    summary: "Revoke pending invitations",
    description: "Refused as a whole (403) if any invitation is not the key's to change; rows that are not pending are reported as skipped.",
    tag: "Invitations",
    scope: "invitation:revoke",
    body: idsBody,
    response: z.object({ outcomes: z.array(manageOutcome) }),
    handler: async (ctx, { body }) => ({ outcomes: await revokeInvitations(ctx, body.ids) }),
  }),
];
