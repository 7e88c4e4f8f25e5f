/**
 * How the application named better-auth's tables and columns: better-auth's own names ("camel": its
 * migration API, its Prisma generator, Drizzle with `camelCase: true`) or snake_case ("snake": better-auth's
 * Drizzle generator by default, `team_member`, `email_verified`). Admit reads and writes them through views
 * in its own schema that carry better-auth's names (lib/database/app-views.ts), so one code path serves both.
 */
export type Naming = "camel" | "snake";

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The physical name of a better-auth table or column under this naming. */
export const physical = (naming: Naming, name: string) => (naming === "snake" ? snake(name) : name);

/** snake_case when the tables say so (a snake_case table or `user.email_verified`), better-auth's names otherwise. */
export function detectNaming(tables: Map<string, Map<string, unknown>>): Naming {
  if (tables.has("team_member") || tables.get("user")?.has("email_verified")) return "snake";
  return "camel";
}
