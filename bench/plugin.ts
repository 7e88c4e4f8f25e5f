/**
 * Scenario 7: the better-auth-admit plugin in a stock application (tests/support/plugin-app.ts) on its own
 * PostgreSQL database: 10,000 invitations through `auth.api.createInvitations` against the stock path (a
 * signed-in owner, one `auth.api.createInvitation` per person), for the Kysely adapter (pg Pool: the bulk
 * path found by itself) and the Prisma adapter (with `prismaBulk`), each measured separately.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { getMigrations } from "better-auth/db/migration";
import { prismaBulk } from "better-auth-admit";
import { Pool } from "pg";
import { PrismaClient } from "../node_modules/.stock-app-prisma/client";
import { stockAuth, type StockAuth } from "../tests/support/plugin-app";
import { createDatabase, makeAppSchema } from "../tests/support/stock-app";

const N = 10_000;
const STOCK_N = 300;

type Row = { scenario: string; metric: string; admit: string; stock?: string; target: string; met?: boolean };

async function open(kind: "kysely" | "prisma", baseUrl: string): Promise<{ auth: StockAuth; close: () => Promise<void> }> {
  const url = await createDatabase(baseUrl, `bench_plugin_${kind}`);
  if (kind === "kysely") {
    const pool = new Pool({ connectionString: url });
    const auth = stockAuth(pool);
    await (await getMigrations(auth.options)).runMigrations();
    return { auth, close: () => pool.end() };
  }
  makeAppSchema("prisma", url);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return { auth: stockAuth(prismaAdapter(prisma, { provider: "postgresql" }), { bulk: prismaBulk(prisma) }), close: () => prisma.$disconnect() };
}

export async function benchPlugin(baseUrl: string, runs: number, median: (xs: number[]) => number, fmt: (n: number, digits?: number) => string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const kind of ["kysely", "prisma"] as const) {
    const { auth, close } = await open(kind, baseUrl);
    try {
      const signUp = await auth.api.signUpEmail({ body: { email: `owner.${kind}@bench.test`, password: "bench-password-123", name: "Owner" }, returnHeaders: true });
      const headers = new Headers({ cookie: signUp.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") });
      const inviterId = signUp.response.user.id;
      let orgs = 0;
      const newOrg = () => auth.api.createOrganization({ body: { name: `Bench ${++orgs}`, slug: `bench-${kind}-${orgs}` }, headers });
      const pluginMs: number[] = [];
      for (let run = 0; run < runs; run++) {
        const org = (await newOrg())!;
        const invitees = Array.from({ length: N }, (_, i) => ({ email: `p${run}.${i}@bench.test` }));
        const t = performance.now();
        const res = await auth.api.createInvitations({ body: { inviterId, organizationId: org.id, invitees } });
        pluginMs.push(performance.now() - t);
        if (res.counts.created !== N) throw new Error(`plugin (${kind}): expected ${N} created, got ${JSON.stringify(res.counts)}`);
      }
      const org = (await newOrg())!;
      const t = performance.now();
      for (let i = 0; i < STOCK_N; i++) await auth.api.createInvitation({ body: { email: `s.${i}@bench.test`, role: "member", organizationId: org.id }, headers });
      const stockRate = STOCK_N / ((performance.now() - t) / 1000);
      const ms = median(pluginMs);
      const ratio = N / (ms / 1000) / stockRate;
      const label = kind === "kysely" ? "Kysely adapter (pg Pool)" : "Prisma adapter (prismaBulk)";
      rows.push({ scenario: `7. plugin, 10,000 invitations, ${label}`, metric: "time (median)", admit: `${fmt(ms)} ms`, stock: `${fmt((N / stockRate) * 1000)} ms (from ${STOCK_N})`, target: "< 2,000 ms", met: ms < 2000 });
      rows.push({ scenario: "", metric: "ratio plugin / stock createInvitation", admit: `${fmt(ratio, 1)}×`, stock: `${fmt(stockRate)} / s`, target: "≥ 50×", met: ratio >= 50 });
    } finally {
      await close();
    }
  }
  return rows;
}
