/**
 * The link's two requests on the application's origin: GET shows a confirm page and uses nothing; POST,
 * from that page only, uses the link once and signs the person in with a real better-auth session.
 */
import { createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import type { User } from "../acting.ts";
import { escapeHtml, MESSAGES, page, postedFromHere } from "../page.ts";
import { LINK_PATH, mayMint, readLink, safeDestination, useLink, type SignInLinkOptions } from "./sign-in-links.ts";

const refused = (code: string, status = 400) => page(status, "This link cannot be used", `<p>${escapeHtml(MESSAGES[code] ?? MESSAGES.LINK_REFUSED)}</p>`);

export const signInLinkEndpoint = (options: SignInLinkOptions) =>
  createAuthEndpoint(`${LINK_PATH}/:token`, { method: ["GET", "POST"] }, async (ctx) => {
    const { context } = ctx;
    const state = await readLink(context, ctx.params.token);
    if (!state.ok) return refused(state.code);
    if (ctx.request?.method !== "POST") {
      const appName = context.appName || "the application";
      return page(200, `Sign in to ${appName}`, `<p>You were sent a one-time link to sign in.</p><form method="post"><button type="submit">Continue</button></form>`);
    }
    if (!postedFromHere(context, ctx.request?.headers)) return page(403, "This link cannot be used", "<p>Open the link itself, then press Continue.</p>");
    const { link } = state;
    // The rule is asked again: a ban or a role change since the link was made counts.
    const [user, issuer] = await Promise.all([context.internalAdapter.findUserById(link.userId), context.adapter.findOne<User>({ model: "user", where: [{ field: "id", value: link.issuedById }] })]);
    if (!user) return refused("LINK_NO_ACCOUNT");
    if (!issuer || !(await mayMint(context, issuer, user as User, options))) return refused((user as User).banned ? "LINK_BANNED" : "LINK_REFUSED");
    if (!(await useLink(context, link))) return refused("LINK_USED");
    const session = await context.internalAdapter.createSession(user.id);
    await setSessionCookie(ctx, { session, user });
    throw ctx.redirect(safeDestination(context, link.redirectTo) ?? `${new URL(context.baseURL).origin}/`);
  });
