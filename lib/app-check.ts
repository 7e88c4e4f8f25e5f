/**
 * At start, with an application configured (README, "Attach Admit to your application"): does the
 * application accept what Admit will hand it? Reads only; a definite "no" stops the start with the reason,
 * an application that cannot be reached is reported (Admit does not need it up to start).
 *   exchange       the application's admitLinkExchange plugin answers its status endpoint to the shared secret;
 *   shared-cookie  the application's getSession accepts a live session signed with Admit's secret under the
 *                  configured cookie prefix (read with disableRefresh, so nothing changes).
 */
import { createHmac } from "node:crypto";
import type { Client } from "pg";
import { physical, type Naming } from "@/lib/database/naming";
import { env } from "@/lib/env";

export interface AppCheck {
  ok: boolean;
  message: string;
}

async function call(url: string, init: RequestInit) {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(5000), redirect: "manual" });
  } catch (e) {
    return { error: (e as Error).message } as const;
  }
}

async function checkExchange(): Promise<AppCheck> {
  const url = `${env.appAuthUrl}/admit/link-exchange/status`;
  const res = await call(url, { method: "POST", headers: { authorization: `Bearer ${env.appLinkExchangeSecret}`, "content-type": "application/json" }, body: "{}" });
  if ("error" in res) return { ok: true, message: `note: the application at ${url} could not be reached (${res.error}); links will fail until it can` };
  if (res.status === 404) return { ok: false, message: `The application answers 404 at ${url}: add the admitLinkExchange plugin to its better-auth plugins (or set APP_AUTH_URL to its better-auth URL).` };
  if (res.status === 401) return { ok: false, message: `The application's admitLinkExchange plugin rejects APP_LINK_EXCHANGE_SECRET: give both the same secret.` };
  if (!res.ok) return { ok: false, message: `The application answered ${res.status} at ${url}.` };
  return { ok: true, message: `the application's link exchange plugin accepts Admit's secret` };
}

async function checkSharedCookie(db: Client, naming: Naming): Promise<AppCheck> {
  const col = (c: string) => `"${physical(naming, c)}"`;
  const { rows } = await db.query<{ token: string }>(`SELECT token FROM public."session" WHERE ${col("expiresAt")} > now() ORDER BY ${col("updatedAt")} DESC LIMIT 1`);
  if (!rows[0]) return { ok: true, message: `note: no live session to check the shared secret with yet; a link's session will be refused if BETTER_AUTH_SECRET or APP_COOKIE_PREFIX differ from the application's` };
  const token = rows[0].token;
  const signed = encodeURIComponent(`${token}.${createHmac("sha256", env.authSecret).update(token).digest("base64")}`);
  const name = `${env.appCookie!.prefix}.session_token`;
  const url = `${env.appAuthUrl}/get-session?disableRefresh=true&disableCookieCache=true`;
  const res = await call(url, { headers: { cookie: `${name}=${signed}; __Secure-${name}=${signed}` } });
  if ("error" in res) return { ok: true, message: `note: the application at ${url} could not be reached (${res.error}); the shared secret was not checked` };
  const body = res.ok ? ((await res.json().catch(() => null)) as { session?: { token?: string } } | null) : null;
  if (body?.session?.token === token) return { ok: true, message: `the application accepts sessions signed with Admit's secret (cookie prefix "${env.appCookie!.prefix}")` };
  return { ok: false, message: `The application at ${env.appAuthUrl} does not accept a session signed with Admit's BETTER_AUTH_SECRET under the cookie prefix "${env.appCookie!.prefix}": give Admit the application's secret and APP_COOKIE_PREFIX (its advanced.cookiePrefix).` };
}

export async function checkApplication(db: Client, naming: Naming): Promise<AppCheck | null> {
  if (env.appSignIn === "exchange") return checkExchange();
  if (env.appSignIn === "shared-cookie") return checkSharedCookie(db, naming);
  return null;
}
