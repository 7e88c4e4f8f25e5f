/**
 * admitSignInLinks(): one-time sign-in links minted by server code (a plugin of its own: it adds the
 * `signInLink` table, which the application's migration tool creates from this plugin's schema).
 *
 *   auth.api.issueSignInLinks({ body })    links for a list of people, returned, not sent (./issue.ts)
 *   auth.api.revokeSignInLinks({ body })   unused links revoked by someone who could have minted them
 *   GET/POST /admit/sign-in/:token         the link: a confirm page, then one use and a session (./endpoints.ts, ./redeem.ts)
 */
import { impersonationStaysBounded } from "./bounded-session.ts";
import type { AuthContext, BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import type { User } from "../acting.ts";
import { ADMIT_ERROR_CODES } from "../errors.ts";
import { signInLinkEndpoint } from "./endpoints.ts";
import { issueSignInLinks, LINK_PATH, MAX_LINK_SECONDS, MIN_LINK_SECONDS, type IssueSignInLinksInput } from "./issue.ts";
import { mayMint, packagePolicy, type SignInLinkOptions } from "./rule.ts";
import { adapterIssueStore, revokeStoredLinks, signInLinkSchema } from "./store.ts";

export interface AdmitSignInLinksOptions extends SignInLinkOptions {
  /** At most this many people per call (10,000). */
  maxRecipients?: number;
}

/** Links for people through the package's rule and table (what `auth.api.issueSignInLinks` runs). */
export const issuePackageLinks = (ctx: { context: AuthContext }, input: IssueSignInLinksInput, options: SignInLinkOptions = {}) =>
  issueSignInLinks(ctx, input, { policy: packagePolicy(ctx.context, options), store: adapterIssueStore(ctx.context) });

/** Revokes unused links: whoever may mint a link for its person may revoke it (a banned person's links too). */
export async function revokeSignInLinks(ctx: { context: AuthContext }, input: { revokedById: string; linkIds: string[] }, options: SignInLinkOptions = {}) {
  const { context } = ctx;
  const revoker = await context.adapter.findOne<User>({ model: "user", where: [{ field: "id", value: input.revokedById }] });
  if (!revoker) throw APIError.from("BAD_REQUEST", ADMIT_ERROR_CODES.ISSUER_NOT_FOUND);
  return revokeStoredLinks(context, revoker, input.linkIds, (target) => mayMint(context, revoker, { ...target, banned: false }, options));
}

export const admitSignInLinks = (options: AdmitSignInLinksOptions = {}) => {
  const linksBody = z.object({
    issuedById: z.string().min(1).max(255),
    recipients: z
      .array(z.object({ email: z.string().max(1000), name: z.string().max(1000).optional() }))
      .min(1, "Name at least one person.")
      .max(options.maxRecipients ?? 10_000),
    purpose: z.enum(["sign-in", "welcome"]).optional(),
    expiresIn: z.number().int().min(MIN_LINK_SECONDS, "expiresIn is at least 5 minutes (300 s).").max(MAX_LINK_SECONDS, "expiresIn is at most 7 days (604800 s).").optional(),
    redirectTo: z.string().max(2000).optional(),
    createUsers: z.boolean().optional(),
  });
  const rule = { mayIssue: options.mayIssue };
  return {
    id: "admit-sign-in-links",
    init: () => ({ options: { databaseHooks: impersonationStaysBounded } }),
    endpoints: {
      issueSignInLinks: createAuthEndpoint({ method: "POST", body: linksBody }, async (ctx) => ctx.json(await issuePackageLinks(ctx, ctx.body, rule))),
      revokeSignInLinks: createAuthEndpoint(
        { method: "POST", body: z.object({ revokedById: z.string().min(1).max(255), linkIds: z.array(z.string().max(255)).min(1).max(1000) }) },
        async (ctx) => ctx.json(await revokeSignInLinks(ctx, ctx.body, rule)),
      ),
      signInLink: signInLinkEndpoint(rule),
    },
    schema: signInLinkSchema,
    rateLimit: [{ pathMatcher: (path: string) => path.startsWith(`${LINK_PATH}/`), window: 60, max: 20 }],
    $ERROR_CODES: ADMIT_ERROR_CODES,
  } satisfies BetterAuthPlugin;
};
