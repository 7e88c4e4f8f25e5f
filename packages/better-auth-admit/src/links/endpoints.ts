/**
 * The link's two requests on the application's origin: GET shows a confirm page and uses nothing; POST,
 * from that page only, uses the link once (./redeem.ts) and signs the person in with a real better-auth session.
 */
import { APIError, createAuthEndpoint } from "better-auth/api";
import { escapeHtml, MESSAGES, page, postedFromHere } from "../page.ts";
import { LINK_PATH } from "./issue.ts";
import { packagePolicy, safeDestination, type SignInLinkOptions } from "./rule.ts";
import { adapterUseStore } from "./store.ts";
import { readSignInLink, redeemSignInLink } from "./redeem.ts";

const refused = (code: string, status = 400) => page(status, "This link cannot be used", `<p>${escapeHtml(MESSAGES[code] ?? MESSAGES.LINK_REFUSED)}</p>`);

export const signInLinkEndpoint = (options: SignInLinkOptions) =>
  createAuthEndpoint(`${LINK_PATH}/:token`, { method: ["GET", "POST"] }, async (ctx) => {
    const { context } = ctx;
    const store = adapterUseStore(context);
    if (ctx.request?.method !== "POST") {
      const read = await readSignInLink(store, ctx.params.token);
      if (!read.ok) return refused(`LINK_${read.state.toUpperCase()}`);
      const appName = context.appName || "the application";
      return page(200, `Sign in to ${appName}`, `<p>You were sent a one-time link to sign in.</p><form method="post"><button type="submit">Continue</button></form>`);
    }
    if (!postedFromHere(context, ctx.request?.headers)) return page(403, "This link cannot be used", "<p>Open the link itself, then press Continue.</p>");
    const policy = packagePolicy(context, options);
    try {
      const { link } = await redeemSignInLink(ctx, ctx.params.token, { store, refusal: (_link, issuer, target) => policy.refusal(issuer, target) });
      throw ctx.redirect(safeDestination(context, link.redirectTo) ?? `${new URL(context.baseURL).origin}/`);
    } catch (e) {
      const code = e instanceof APIError && e.statusCode !== 302 ? String(e.body?.code ?? "") : "";
      if (code.startsWith("LINK_")) return refused(code, e instanceof APIError && e.status === "FORBIDDEN" ? 403 : 400);
      throw e;
    }
  });
