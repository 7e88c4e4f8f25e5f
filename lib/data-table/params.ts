/**
 * URL state shared by every table: page, page size, sort, search and facet filters. The same parsers
 * serve the client (nuqs hooks) and the server (createLoader), so what the URL says is what the query does.
 */
import { createParser, parseAsArrayOf, parseAsInteger, parseAsString } from "nuqs/server";

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

export interface SortState<C extends string = string> {
  id: C;
  desc: boolean;
}

/** `?sort=column.asc|desc`, restricted to an allowlist of columns; anything else falls back to the default. */
export function parseAsSort<const C extends string>(columns: readonly C[], fallback: SortState<C>) {
  return createParser<SortState<C>>({
    parse(value) {
      const [id, dir] = value.split(".");
      if (!(columns as readonly string[]).includes(id) || (dir !== "asc" && dir !== "desc")) return null;
      return { id: id as C, desc: dir === "desc" };
    },
    serialize: (s) => `${s.id}.${s.desc ? "desc" : "asc"}`,
    eq: (a, b) => a.id === b.id && a.desc === b.desc,
  }).withDefault(fallback);
}

export type SortParser<C extends string> = ReturnType<typeof parseAsSort<C>>;

/** A facet filter: `?status=pending,expired`. Unknown values are dropped by the query, not trusted. */
export const parseAsFilter = parseAsArrayOf(parseAsString, ",").withDefault([]);

export const tableParams = {
  page: parseAsInteger.withDefault(1),
  perPage: parseAsInteger.withDefault(DEFAULT_PAGE_SIZE),
  q: parseAsString.withDefault(""),
};

/** Prisma `skip`/`take` for a page, with the page size clamped to the offered sizes. */
export function pageWindow(page: number, perPage: number) {
  const take = (PAGE_SIZES as readonly number[]).includes(perPage) ? perPage : DEFAULT_PAGE_SIZE;
  return { skip: (Math.max(1, Math.floor(page)) - 1) * take, take };
}

/**
 * Deep pages are read from the other end: past the middle, the same rows come far cheaper by sorting the
 * other way with a small offset (then reversing them) than by skipping most of the table.
 */
export function nearestEnd(skip: number, take: number, rowCount: number) {
  if (skip <= rowCount / 2) return { skip, take, reversed: false };
  const end = Math.min(rowCount, skip + take);
  return { skip: Math.max(0, rowCount - end), take: Math.max(0, end - skip), reversed: true };
}

/** Only the allowed values of a facet filter. */
export function allowed<T extends string>(values: string[], options: readonly T[]): T[] {
  return values.filter((v): v is T => (options as readonly string[]).includes(v));
}

export interface Page<T> {
  rows: T[];
  rowCount: number;
  pageCount: number;
}

export function toPage<T>(rows: T[], rowCount: number, take: number): Page<T> {
  return { rows, rowCount, pageCount: Math.max(1, Math.ceil(rowCount / take)) };
}

/** Search text taken literally in a LIKE pattern: its `%`, `_` and `\` match only themselves. */
export function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
