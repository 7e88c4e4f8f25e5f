import { forwardToAuth, isSameOrigin, redirectWithCookies } from "@/lib/auth-forward";
import { retryAfterOf } from "@/lib/retry-after";
import { safeRedirectPath } from "@/lib/redirects";

/** POST from the confirm page: verify the magic-link token through better-auth (which consumes it once). */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return new Response("Cross-site request refused.", { status: 403 });
  const form = await request.formData();
  const token = String(form.get("token") ?? "");
  const next = safeRedirectPath(String(form.get("next") ?? "/"));
  const res = await forwardToAuth(request, "/magic-link/verify", {
    method: "GET",
    search: { token, callbackURL: next, errorCallbackURL: "/sign-in" },
  });
  if (res.status === 429) {
    const again = new URLSearchParams({ token, next, error: "rate_limited", retry: String(retryAfterOf(res.headers)) });
    return redirectWithCookies(res, `/sign-in/link?${again}`);
  }
  // better-auth answers with a redirect and the session cookie.
  return redirectWithCookies(res, res.headers.get("location") ?? "/sign-in?error=INVALID_TOKEN");
}
