/**
 * Where Admit's links point and where people land, in one place (README, "Attach Admit to your
 * application"). Without an application configured, everything stays in the console. With one:
 *   - sign-in links open on the application's origin in exchange mode (its admitLinkExchange plugin trades
 *     them for the application's own session), on the console in shared-cookie mode (the session cookie is
 *     set on the parent domain both share);
 *   - a used link's default destination is the application (APP_HOME_URL); console paths stay on the console;
 *   - invitation links open the application's accept page when APP_INVITATION_URL is set.
 */
import { env } from "@/lib/env";
import { safeRedirectPath } from "@/lib/redirects";

/** A link's destination when none is chosen: the start page, or the application once one is configured. */
export const DEFAULT_LANDING = "/welcome";

export function signInLinkUrl(token: string) {
  if (env.appSignIn === "exchange") return `${env.appAuthUrl}/admit/link/${token}`;
  return `${env.appUrl}/link/${token}`;
}

export function invitationUrl(invitationId: string) {
  const template = env.appInvitationUrl;
  if (template) return template.replace("{id}", encodeURIComponent(invitationId));
  return `${env.appUrl}/invite/${invitationId}`;
}

/**
 * Where a used link sends its person: a path on the console (the one redirect rule), or, with an application
 * configured, the application for the default destination and the console's absolute URL for the others.
 */
export function landingUrl(redirectTo: string | null | undefined) {
  const path = safeRedirectPath(redirectTo, DEFAULT_LANDING);
  if (env.appSignIn === "console") return path;
  return path === DEFAULT_LANDING ? env.appHomeUrl! : `${env.appUrl}${path}`;
}
