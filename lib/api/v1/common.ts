/** Schemas several API operations share: paging, dates, per-id outcomes, list queries. */
import { z } from "zod";
import { PAGE_SIZES } from "@/lib/data-table/params";

export const isoDate = z.string().meta({ format: "date-time" });

/** `?page=&perPage=&q=`: the console tables' paging and search. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).optional().meta({ description: "1-based page number." }),
  perPage: z.coerce.number().int().refine((n) => (PAGE_SIZES as readonly number[]).includes(n), `One of ${PAGE_SIZES.join(", ")}.`).optional().meta({ description: `Rows per page: ${PAGE_SIZES.join(", ")}.` }),
  q: z.string().max(200).optional().meta({ description: "Search text." }),
};

/** A comma-separated filter (`status=pending,expired`), passed on as the console's URL filters are. */
export const listFilter = (values: readonly string[] | null, description: string) =>
  (values ? z.string().max(2000).refine((v) => v.split(",").every((x) => values.includes(x)), `Comma-separated, each one of: ${values.join(", ")}.`) : z.string().max(2000))
    .optional()
    .meta({ description });

export const sortQuery = (columns: readonly string[]) =>
  z
    .string()
    .regex(new RegExp(`^(${columns.join("|")})\\.(asc|desc)$`), `column.asc or column.desc, column one of: ${columns.join(", ")}.`)
    .optional()
    .meta({ description: `Sort: ${columns.map((c) => `${c}.asc|desc`).join(", ")}.` });

export const pageInfo = {
  page: z.number().int(),
  perPage: z.number().int(),
  total: z.number().int().meta({ description: "Rows matching the query. An invitations total of 10,000 or more may be up to 5 seconds old; the rows are always current." }),
  pageCount: z.number().int(),
};

/** A page of the console's list queries as the API answers it. */
export function pageOf<T>(page: { rows: T[]; rowCount: number; pageCount: number }, query: { page?: number; perPage?: number }, perPageDefault = 20) {
  return { data: page.rows, page: query.page ?? 1, perPage: query.perPage ?? perPageDefault, total: page.rowCount, pageCount: page.pageCount };
}

/** Strips undefined values, so a query object can stand in for the console's URL parameters. */
export function searchParamsOf(query: Record<string, string | number | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
}

export const idsBody = z.object({ ids: z.array(z.string().min(1).max(64)).min(1, "Give at least one id.").max(1000, "At most 1,000 ids per request.") });

export const manageOutcome = z.object({ id: z.string(), email: z.string().optional(), status: z.string(), reason: z.string().optional() }).meta({ id: "Outcome" });
