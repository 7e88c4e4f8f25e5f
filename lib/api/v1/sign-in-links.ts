import { z } from "zod";
import { PERSON_SKIP_TEXT } from "@/lib/people";
import { issueSignInLinks } from "@/lib/sign-in-links/issue-sign-in-links";
import { listSignInLinks } from "@/lib/sign-in-links/queries";
import { revokeSignInLinks } from "@/lib/sign-in-links/revoke-sign-in-links";
import { LINK_PURPOSES, LINK_REDIRECTS, LINK_STATUSES } from "@/lib/sign-in-links/schema";
import { route } from "../route";
import { isoDate, listFilter, manageOutcome, pageInfo, pageOf, pageQuery, searchParamsOf, sortQuery } from "./common";

const link = z
  .object({
    id: z.string(),
    purpose: z.string().meta({ description: LINK_PURPOSES.join(" | ") }),
    status: z.enum(LINK_STATUSES),
    email: z.string(),
    issuerEmail: z.string().nullable(),
    reason: z.string().nullable(),
    redirectTo: z.string(),
    createdAt: isoDate,
    expiresAt: isoDate,
    usedAt: isoDate.nullable(),
    usedIp: z.string().nullable(),
    revokedAt: isoDate.nullable(),
  })
  .meta({ id: "SignInLink" });

const issued = z
  .object({
    email: z.string(),
    status: z.enum(["issued", "skipped"]),
    reason: z.string().optional(),
    reasonText: z.string().optional(),
    linkId: z.string().optional(),
    url: z.string().optional().meta({ description: "The link itself: only in this answer (only its hash is stored)." }),
    expiresAt: isoDate.optional(),
    createdUser: z.boolean().optional(),
  })
  .meta({ id: "IssuedLink" });

export const signInLinkRoutes = [
  route({
    method: "POST",
    path: "/sign-in-links",
    operationId: "issueSignInLinks",
    summary: "Issue one-time sign-in links, returned (not sent)",
    description:
      "Up to 10,000 people with accounts (or `createUsers`, if the key's person may create accounts). The credential policy is asked for every person: nobody gets a link for an admin unless an admin asks. A link opens a confirm page; only its POST signs in.",
    tag: "Sign-in links",
    scope: "signInLink:create",
    body: z.object({
      recipients: z.array(z.object({ email: z.string().max(320), name: z.string().max(200).optional() })).min(1).max(10_000),
      expiresIn: z.number().int().optional().meta({ description: "Seconds: 5 minutes to 7 days (default 1 day)." }),
      redirectTo: z.enum(LINK_REDIRECTS).optional(),
      createUsers: z.boolean().optional(),
      reason: z.string().max(500).optional(),
    }),
    maxBodyBytes: 4 * 1024 * 1024,
    response: z.object({ links: z.array(issued) }),
    status: 201,
    handler: async (ctx, { body }) => {
      const links = await issueSignInLinks(ctx, { ...body, purpose: "sign-in", send: false });
      return { links: links.map((l) => ({ ...l, reasonText: l.reason ? PERSON_SKIP_TEXT[l.reason as keyof typeof PERSON_SKIP_TEXT] ?? l.reason : undefined, expiresAt: l.expiresAt?.toISOString(), sent: undefined })) };
    },
  }),
  route({
    method: "GET",
    path: "/sign-in-links",
    operationId: "listSignInLinks",
    summary: "List sign-in links",
    tag: "Sign-in links",
    scope: "signInLink:read",
    query: z.object({ ...pageQuery, sort: sortQuery(["createdAt", "expiresAt"]), purpose: listFilter(LINK_PURPOSES, "Purposes, comma-separated."), status: listFilter(LINK_STATUSES, "Statuses, comma-separated.") }),
    response: z.object({ data: z.array(link), ...pageInfo }),
    handler: async (ctx, { query }) => pageOf(await listSignInLinks(ctx.actor, searchParamsOf(query)), query),
  }),
  route({
    method: "POST",
    path: "/sign-in-links/revoke",
    operationId: "revokeSignInLinks",
    summary: "Revoke unused sign-in links",
    tag: "Sign-in links",
    scope: "signInLink:revoke",
    body: z.object({ ids: z.array(z.uuid()).min(1).max(1000) }),
    response: z.object({ outcomes: z.array(manageOutcome) }),
    handler: async (ctx, { body }) => ({ outcomes: await revokeSignInLinks(ctx, body.ids) }),
  }),
];
