/** What the stores share: batches for adapter reads, and quoted names of a better-auth model from its schema. */
import type { AuthContext } from "better-auth";

const CHUNK = 1000;
/** `items` in batches of 1,000 (the size of one `in` list). */
export const chunks = <T>(items: T[]) => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** Quoted table and column names of a better-auth model, from the application's schema (`modelName`, `fieldName`). */
export function tableNames(tables: AuthContext["tables"], model: string) {
  const table = tables[model];
  if (!table) throw new Error(`better-auth's schema has no "${model}" table: is the organization plugin enabled?`);
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return {
    table: q(table.modelName),
    column: (field: string) => (field === "id" ? q("id") : q(table.fields[field]?.fieldName ?? field)),
    has: (field: string) => !!table.fields[field],
  };
}
