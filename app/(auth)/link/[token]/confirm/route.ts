import { landingUrl } from "@/lib/app-links";
import { retryAfterOf } from "@/lib/retry-after";
import { isSameOrigin, redirectWithCookies, redeemLinkToken } from "@/lib/auth-forward";

/**
 * POST from the link's confirm page: Admit's better-auth endpoint consumes the link once and sets the session
 * cookie. Any failure goes back to the link's page, which explains it (used, expired, revoked, unknown).
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const back = `/link/${encodeURIComponent(token)}`;
  if (!isSameOrigin(request)) return new Response("Cross-site request refused.", { status: 403 });
  const res = await redeemLinkToken(request, token);
  if (res.status === 429) return redirectWithCookies(res, `${back}?error=rate_limited&retry=${retryAfterOf(res.headers)}`);
  if (!res.ok) {
    const code = ((await res.json().catch(() => ({}))) as { code?: string }).code ?? "";
    return redirectWithCookies(res, code === "LINK_BANNED" ? `${back}?error=banned` : code === "LINK_REFUSED" ? `${back}?error=refused` : back);
  }
  const { redirectTo } = (await res.json()) as { redirectTo: string };
  return redirectWithCookies(res, landingUrl(redirectTo));
}
