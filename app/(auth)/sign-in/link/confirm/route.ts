import { auth } from "@/lib/auth";
import { env } from "@/lib/env";
import { safeRedirectPath } from "@/lib/redirects";

/** POST from the confirm page: verify the magic-link token through better-auth (which consumes it once). */
export async function POST(request: Request) {
  const form = await request.formData();
  const token = String(form.get("token") ?? "");
  const next = safeRedirectPath(String(form.get("next") ?? "/"));
  const verify = new URL(`${env.appUrl}/api/auth/magic-link/verify`);
  verify.searchParams.set("token", token);
  verify.searchParams.set("callbackURL", next);
  verify.searchParams.set("errorCallbackURL", "/sign-in");
  const forwarded = new Headers();
  for (const name of ["x-forwarded-for", "x-real-ip", "user-agent", "cookie"]) {
    const value = request.headers.get(name);
    if (value) forwarded.set(name, value);
  }
  // better-auth answers with a redirect and the session cookie; hand both to the browser (303: a GET follows).
  const res = await auth.handler(new Request(verify, { method: "GET", headers: forwarded }));
  const headers = new Headers(res.headers);
  const location = res.headers.get("location");
  return new Response(null, { status: location ? 303 : res.status, headers });
}
