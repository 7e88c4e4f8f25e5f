/** The stock application's own HTTP API, called as its own front end would (better-auth's routes). */
import { cookieHeader as cookiesOf } from "../../tests/support/factories";

/** `baseUrl` is where the requests go; `origin` is the application's own origin (its BETTER_AUTH_URL). */
export function stockAppClient(baseUrl: string, origin = baseUrl) {
  const call = async (path: string, init: { body?: unknown; cookie?: string; method?: string } = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { origin, "content-type": "application/json", ...(init.cookie ? { cookie: init.cookie } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      redirect: "manual",
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {}
    return { res, json: json as Record<string, unknown> | null, text };
  };
  const expectOk = async (path: string, init: Parameters<typeof call>[1]) => {
    const out = await call(path, init);
    if (!out.res.ok) throw new Error(`${path}: ${out.res.status} ${out.text}`);
    return out;
  };
  return {
    call,
    async signUp(email: string, password: string, name: string) {
      return cookiesOf((await expectOk("/api/auth/sign-up/email", { body: { email, password, name } })).res);
    },
    async signIn(email: string, password: string) {
      return cookiesOf((await expectOk("/api/auth/sign-in/email", { body: { email, password } })).res);
    },
    post: async (path: string, body: unknown, cookie: string) => (await expectOk(path, { body, cookie })).json!,
    /** Who the application's `auth.api.getSession` says the cookie belongs to. */
    async me(cookie: string) {
      return (await call("/me", { cookie })).json as { email: string; userId: string } | null;
    },
  };
}
