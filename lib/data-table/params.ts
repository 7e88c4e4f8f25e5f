/**
 * URL state shared by every table: page, page size, sort, search and facet filters. The same parsers
 * serve the client (nuqs hooks) and the server (createLoader), so what the URL says is what the query does.
 */
import { createParser, parseAsArrayOf, parseAsInteger } from "nuqs/server";

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

/**
 * Text from the URL as the queries take it: PostgreSQL's text cannot hold a NUL character (a statement with one
 * fails), so it is dropped here, for every table's search and filters alike.
 */
export const parseAsText = createParser({ parse: (value: string) => value.replace(/\0/g, ""), serialize: (value: string) => value });

/** A facet filter: `?status=pending,expired`. Unknown values are dropped by the query, not trusted. */
export const parseAsFilter = parseAsArrayOf(parseAsText, ",").withDefault([]);

export const tableParams = {
  page: parseAsInteger.withDefault(1),
  perPage: parseAsInteger.withDefault(DEFAULT_PAGE_SIZE),
  q: parseAsText.withDefault(""),
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

/**
 * Rows as a server page hands them to its client table. Props reach the browser in the RSC payload, escaped
 * inside a script: an array of objects repeats every key on every row, and a column's few values (a status, an
 * organization, an inviter) and its timestamps are long strings on every row. Packed, each key is sent once,
 * a row is an array of values, a column of instants (ISO strings) is sent as epoch milliseconds, and a column of
 * repeated values as indexes into its distinct values. `DataTable` unpacks; nothing else needs to.
 */
export interface PackedRows<T> {
  keys: string[];
  values: unknown[][];
  /** Indexes of the columns sent as epoch milliseconds (ISO strings in the row). */
  times: number[];
  /** Columns sent as indexes into their distinct values, by column index. */
  dicts: Record<number, unknown[]>;
  /** Never set: carries the row type from `packRows` to `unpackRows`. */
  readonly row?: T;
}

export type ClientPage<T> = Omit<Page<T>, "rows"> & { rows: PackedRows<T> };

const isInstant = (v: unknown) => typeof v === "string" && v.length === 24 && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v;

export function packRows<T extends object>(rows: readonly T[]): PackedRows<T> {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columns = keys.map((k) => rows.map((r) => (r as Record<string, unknown>)[k]));
  const times: number[] = [];
  const dicts: Record<number, unknown[]> = {};
  const encoded = columns.map((column, c) => {
    if (column.some((v) => v != null) && column.every((v) => v == null || isInstant(v))) {
      times.push(c);
      return column.map((v) => (v == null ? v : Date.parse(v as string)));
    }
    const distinct = [...new Set(column)];
    // Only strings and nulls, and only where indexes are shorter than the values.
    if (rows.length >= 4 && distinct.length * 2 <= rows.length && column.every((v) => v === null || typeof v === "string")) {
      dicts[c] = distinct;
      const index = new Map(distinct.map((v, i) => [v, i]));
      return column.map((v) => index.get(v));
    }
    return column;
  });
  return { keys, values: rows.map((_, r) => encoded.map((column) => column[r])), times, dicts };
}

export function unpackRows<T>({ keys, values, times, dicts }: PackedRows<T>): T[] {
  const decode = keys.map((_, c) =>
    times.includes(c) ? (v: unknown) => (v == null ? v : new Date(v as number).toISOString()) : dicts[c] ? (v: unknown) => dicts[c][v as number] : (v: unknown) => v,
  );
  return values.map((row) => Object.fromEntries(keys.map((k, c) => [k, decode[c](row[c])])) as T);
}

/** A page as its client table takes it (see `PackedRows`); other fields pass through. */
export function forClient<P extends Page<object>>(page: P): Omit<P, "rows"> & { rows: PackedRows<P["rows"][number]> } {
  return { ...page, rows: packRows(page.rows) };
}

/** Search text taken literally in a LIKE pattern: its `%`, `_` and `\` match only themselves. */
export function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
