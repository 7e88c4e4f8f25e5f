/** Test data, made through the same better-auth server API the app uses. Every call makes unique rows. */
import { randomBytes, randomUUID } from "node:crypto";
import { auth } from "@/lib/auth";
import { actorFromUserId } from "@/lib/actor";
import { prisma } from "@/lib/db";
import { defaultKeyHasher } from "@better-auth/api-key";
import { scopesToPermissions } from "@/lib/api-keys/schema";
import { API_KEYS } from "@/lib/auth-settings";
import { API_SCOPES, type Actor, type ApiScope } from "@/lib/permissions";

export const PASSWORD = "correct horse battery staple";

export function uniqueEmail(prefix = "user") {
  return `${prefix}.${randomUUID().slice(0, 8)}@example.test`;
}

export async function createUser(opts: { role?: "admin" | "support" | "user"; email?: string; name?: string; banned?: boolean } = {}) {
  const email = opts.email ?? uniqueEmail(opts.role ?? "user");
  const { user } = await auth.api.createUser({
    body: { email, name: opts.name ?? email.split("@")[0], password: PASSWORD, role: opts.role ?? "user", data: { emailVerified: true } },
  });
  if (opts.banned) await prisma.user.update({ where: { id: user.id }, data: { banned: true, banReason: "test" } });
  return prisma.user.findUniqueOrThrow({ where: { id: user.id } });
}

export async function createOrganization(owner: { id: string }, name = `Org ${randomBytes(3).toString("hex")}`) {
  const org = await auth.api.createOrganization({ body: { name, slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${randomBytes(3).toString("hex")}`, userId: owner.id } });
  if (!org) throw new Error("could not create organization");
  return org;
}

export async function addMember(organizationId: string, user: { id: string }, role: "owner" | "admin" | "member") {
  await auth.api.addMember({ body: { organizationId, userId: user.id, role } });
}

/** The actor for a user as a request would make it now (their role and memberships read from the database). */
export async function actorOf(user: { id: string }, impersonatedBy: string | null = null): Promise<Actor> {
  const actor = await actorFromUserId(user.id, { impersonatedBy });
  if (!actor) throw new Error("actorOf: no such user, or banned");
  return actor;
}

/** Sign in through better-auth's HTTP handler and return the session cookie header. */
export async function signInCookie(email: string, password = PASSWORD) {
  const res = await auth.handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": `127.0.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}` },
      body: JSON.stringify({ email, password }),
    }),
  );
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return cookieHeader(res);
}

/** The `cookie` request header that carries a response's Set-Cookie values. */
export function cookieHeader(res: Response) {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => !c.endsWith("="))
    .join("; ");
}

/**
 * An API key for a user, written as the console writes one (the api-key plugin's row) but without the
 * console's checks, so tests can give any person any scopes, an organization, an expiry in the past or a small
 * rate limit, and prove the permission module and the plugin refuse what they must. Returns the raw key.
 */
export async function apiKeyFor(
  user: { id: string },
  opts: { scopes?: readonly ApiScope[]; organizationId?: string | null; expiresAt?: Date; rateLimitMax?: number; name?: string } = {},
) {
  const key = `${API_KEYS.prefix}${randomBytes(48).toString("base64url").replace(/[^A-Za-z]/g, "").padEnd(API_KEYS.length, "x").slice(0, API_KEYS.length)}`;
  const now = new Date();
  const id = randomUUID();
  await prisma.apikey.create({
    data: {
      id,
      name: opts.name ?? "test key",
      start: key.slice(0, API_KEYS.shownCharacters),
      prefix: API_KEYS.prefix,
      key: await defaultKeyHasher(key),
      referenceId: user.id,
      enabled: true,
      rateLimitEnabled: true,
      rateLimitTimeWindow: API_KEYS.windowMs,
      rateLimitMax: opts.rateLimitMax ?? 100_000,
      requestCount: 0,
      expiresAt: opts.expiresAt ?? new Date(now.getTime() + 86_400_000),
      createdAt: now,
      updatedAt: now,
      permissions: JSON.stringify(scopesToPermissions(opts.scopes ?? API_SCOPES)),
      metadata: JSON.stringify({ organizationId: opts.organizationId ?? null }),
    },
  });
  return { id, key };
}
