/**
 * better-auth's tables as an application gets them: the plugins that shape them (the same as lib/auth.ts;
 * `tests/integration/database.test.ts` compares the two) and better-auth's own migration API, used only on
 * a fresh database (the embedded default, or `npm run db:migrate -- --create-better-auth-tables`). On an
 * application's database the application owns these tables and Admit never migrates them.
 */
import { getSchema } from "better-auth/db";
import { getMigrations } from "better-auth/db/migration";
import { admin, magicLink, organization } from "better-auth/plugins";
import { Pool } from "pg";

type Options = Parameters<typeof getSchema>[0];

const organizationPlugin = (teams: boolean) => organization({ teams: { enabled: teams } });

/** Each layer of the schema Admit needs, with the application setting that provides it. */
export const SCHEMA_LAYERS: { name: string; needs: string; plugins: Options["plugins"] }[] = [
  { name: "core", needs: "better-auth itself", plugins: [] },
  { name: "admin", needs: "the admin plugin (`admin()`)", plugins: [admin()] },
  { name: "organization", needs: "the organization plugin (`organization()`)", plugins: [admin(), organizationPlugin(false)] },
  { name: "teams", needs: "teams in the organization plugin (`organization({ teams: { enabled: true } })`)", plugins: [admin(), organizationPlugin(true)] },
];

/** The options that shape better-auth's tables for Admit: admin, organization with teams, magic link. */
export function betterAuthSchemaOptions(): Options {
  return { plugins: [admin(), organizationPlugin(true), magicLink({ sendMagicLink: async () => {} })] };
}

export type ExpectedTables = Record<string, { columns: Record<string, { type: string; required: boolean; layer: string }> }>;

/** Tables and columns Admit expects (better-auth's default names), each tagged with the layer that adds it. */
export function expectedTables(): ExpectedTables {
  const out: ExpectedTables = {};
  for (const layer of SCHEMA_LAYERS) {
    const schema = getSchema({ plugins: layer.plugins });
    for (const [table, def] of Object.entries(schema)) {
      const t = (out[table] ??= { columns: { id: { type: "string", required: true, layer: layer.name } } });
      for (const [column, field] of Object.entries(def.fields)) {
        t.columns[column] ??= { type: String(field.type), required: field.required !== false, layer: layer.name };
      }
    }
  }
  return out;
}

function migrationOptions(pool: Pool) {
  return { ...betterAuthSchemaOptions(), database: pool, logger: { level: "error" as const } };
}

/** Creates the missing better-auth tables with better-auth's migration API (the way `npx @better-auth/cli migrate` does). */
export async function createBetterAuthTables(url: string) {
  const pool = new Pool({ connectionString: url, max: 2 });
  try {
    const { runMigrations } = await getMigrations(migrationOptions(pool));
    await runMigrations();
  } finally {
    await pool.end();
  }
}

/** The SQL better-auth's migration API would run on this database (for `db:drift`). */
export async function betterAuthTablesSql(url: string) {
  const pool = new Pool({ connectionString: url, max: 2 });
  try {
    const { compileMigrations } = await getMigrations(migrationOptions(pool));
    return await compileMigrations();
  } finally {
    await pool.end();
  }
}
