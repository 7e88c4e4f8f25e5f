/**
 * Counts kept for a few seconds per key (issue 17: on a large table the counts are the costliest read of a
 * page): the filter menus' options and counts, and large pager totals. The key must carry everything the
 * result depends on, the reader's scope above all. Bounded: the oldest entries go first.
 */
import type { Scope } from "@/lib/permissions";

const FRESH_MS = 5_000;
const MAX_ENTRIES = 500;

type Kept<V> = Map<string, { at: number; value: V }>;

function fresh<V>(kept: Kept<V>, key: string): V | undefined {
  const hit = kept.get(key);
  return hit && Date.now() - hit.at < FRESH_MS ? hit.value : undefined;
}

function keep<V>(kept: Kept<V>, key: string, value: V) {
  kept.delete(key);
  kept.set(key, { at: Date.now(), value });
  while (kept.size > MAX_ENTRIES) kept.delete(kept.keys().next().value!);
}

const facets: Kept<Promise<unknown>> = new Map();

/** A reader's scope as part of a key: all organizations, or exactly these. */
export const scopeKey = (scope: Scope) => (scope.all ? "*" : [...scope.organizationIds].sort().join(","));

/** A filter menu's options and counts: a menu's counts a few seconds old mislead nobody. */
export function cachedFacets<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = fresh(facets, key);
  if (hit) return hit as Promise<T>;
  const value = load();
  keep(facets, key, value);
  // A failed read is not kept.
  value.catch(() => facets.get(key)?.value === value && facets.delete(key));
  return value;
}

/**
 * A pager's total over many rows ("1–20 of 100,068"): counting 100,000 rows costs a page more than everything
 * else it reads (bench/README.md, scenario 8b), and at that size a total a few seconds old misleads nobody.
 * Below LARGE_TOTAL a total is always counted with its rows, in their snapshot, so it agrees with the page
 * exactly; the rows themselves are always read fresh.
 */
export const LARGE_TOTAL = 10_000;
const totals: Kept<number> = new Map();

export function knownLargeTotal(key: string): number | null {
  return fresh(totals, key) ?? null;
}

export function rememberTotal(key: string, total: number) {
  if (total < LARGE_TOTAL) totals.delete(key);
  else keep(totals, key, total);
}
