import "server-only";
import { Prisma } from "@/lib/db";
import type { Scope } from "@/lib/permissions";

/**
 * A reader's scope (permissions.ts#scopeOf) in SQL: the rows whose organization column (`o.id`,
 * `c."organizationId"`, ...) is inside it; `true` when the scope is everything. An empty scope matches no row.
 * Every list read limits its rows with it (permissions.ts stays pure: no SQL there).
 */
export function scopeSql(scope: Scope, column: string): Prisma.Sql {
  return scope.all ? Prisma.sql`true` : Prisma.sql`${Prisma.raw(column)} = ANY(${scope.organizationIds}::text[])`;
}
