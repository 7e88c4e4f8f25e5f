/**
 * A stock better-auth application, written the way better-auth's docs say, with no Admit code: the
 * application Admit is attached to in tests/integration/attach.test.ts and e2e/attach.spec.ts.
 * Email and password, admin, organization with teams, magic link; its database from DATABASE_URL, through
 * better-auth's Kysely adapter (a pg Pool), or its Drizzle adapter with the generated schema (ADAPTER=drizzle).
 * The two ways Admit signs people in to it (README, "Attach Admit to your application"):
 *   COOKIE_DOMAIN set: better-auth's cross-subdomain cookies on that parent domain (no plugin);
 *   ADMIT_AUTH_URL + ADMIT_LINK_EXCHANGE_SECRET set: the admitLinkExchange plugin from this repository.
 */
import { betterAuth, type BetterAuthPlugin } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { drizzle } from "drizzle-orm/node-postgres";
import { admin, magicLink, organization } from "better-auth/plugins";
import { admitLinkExchange } from "better-auth-admit";
import { Pool } from "pg";
import * as drizzleSchema from "./drizzle/schema";

const exchange: BetterAuthPlugin[] =
  process.env.ADMIT_AUTH_URL && process.env.ADMIT_LINK_EXCHANGE_SECRET
    ? [admitLinkExchange({ admitAuthUrl: process.env.ADMIT_AUTH_URL, secret: process.env.ADMIT_LINK_EXCHANGE_SECRET })]
    : [];

export const auth = betterAuth({
  appName: "Stock app",
  database:
    process.env.ADAPTER === "drizzle"
      ? drizzleAdapter(drizzle(new Pool({ connectionString: process.env.DATABASE_URL }), { schema: drizzleSchema }), { provider: "pg", schema: drizzleSchema })
      : new Pool({ connectionString: process.env.DATABASE_URL }),
  secret: process.env.BETTER_AUTH_SECRET,
  baseURL: process.env.BETTER_AUTH_URL,
  emailAndPassword: { enabled: true },
  advanced: {
    ...(process.env.COOKIE_DOMAIN ? { crossSubDomainCookies: { enabled: true, domain: process.env.COOKIE_DOMAIN } } : {}),
    // Variants the compatibility tests make: uuid ids, no admin plugin.
    ...(process.env.ID_FORMAT === "uuid" ? { database: { generateId: "uuid" as const } } : {}),
  },
  plugins: [
    ...(process.env.WITHOUT_ADMIN === "1" ? [] : [admin()]),
    organization({ teams: { enabled: true } }),
    magicLink({ sendMagicLink: async () => {} }),
    ...exchange,
  ],
});
