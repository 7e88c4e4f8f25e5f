import { PrismaPg } from "@prisma/adapter-pg";
import type { PostgresBulk, Query } from "better-auth-admit";
import { parseIntoClientConfig } from "pg-connection-string";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export { Prisma } from "@/lib/generated/prisma/client";
/** An interactive-transaction client, as handed to `prisma.$transaction(async (tx) => ...)`. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** The plain driver adapter (the catalog workarounds in prisma/pg-adapter.ts are for migrations only). */
export function createPrisma(url = env.databaseUrl) {
  const config = parseIntoClientConfig(url);
  // better-auth's tables are read through Admit's views first (lib/database/app-views.ts), and times are UTC.
  const options = `${config.options ?? ""} -c search_path=admit,public -c TimeZone=UTC`.trim();
  return new PrismaClient({ adapter: new PrismaPg({ ...config, options, allowExitOnIdle: true }) });
}

const g = globalThis as unknown as { __admitPrisma?: PrismaClient };

/**
 * The process-wide client. Created on first use, not on import: `next build` imports server modules
 * without a database, and the launcher sets DATABASE_URL for the embedded database before first use.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = (g.__admitPrisma ??= createPrisma());
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/**
 * Advisory locks, in one place: held until the transaction ends. `lockFor` waits for the key; `tryLockFor`
 * answers false at once when another transaction holds it.
 */
export async function lockFor(tx: Tx, key: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

export async function tryLockFor(tx: Tx, key: string): Promise<boolean> {
  const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) AS locked`;
  return locked;
}

/**
 * Admit's transaction as better-auth-admit's PostgreSQL bulk path (packages/better-auth-admit): the caller's
 * `tx` when it has one, else a new transaction. `tx()` is that transaction once the package has opened it,
 * so Admit's audit rows commit with the package's writes (its `beforeCommit`).
 */
export function transactionAsBulk(existing?: Tx, options = { timeout: 60_000, maxWait: 30_000 }) {
  let current: Tx | undefined = existing;
  const query = (on: Tx): Query => ((text: string, params: unknown[] = []) => on.$queryRawUnsafe(text, ...params)) as Query;
  const bulk: PostgresBulk = {
    transaction: (fn) => (existing ? fn(query(existing)) : prisma.$transaction((t) => fn(query((current = t))), options)),
  };
  return { bulk, tx: () => current! };
}
