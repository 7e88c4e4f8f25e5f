/**
 * Filter menus' options and counts, kept for a few seconds per key (issue 17: on a large table the counts are
 * the costliest read of a page, and a menu's counts a few seconds old mislead nobody). The key must carry
 * everything the result depends on, the reader's scope above all. Bounded: the oldest entries go first.
 */
const FRESH_MS = 5_000;
const MAX_ENTRIES = 500;
const entries = new Map<string, { at: number; value: Promise<unknown> }>();

export function cachedFacets<T>(key: string, load: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && now - hit.at < FRESH_MS) return hit.value as Promise<T>;
  const value = load();
  entries.delete(key);
  entries.set(key, { at: now, value });
  // A failed read is not kept.
  value.catch(() => entries.get(key)?.value === value && entries.delete(key));
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return value;
}

/**
 * A pager's total over many rows ("1–20 of 100,068"), kept the same few seconds per key: counting 100,000 rows
 * costs a page more than everything else it reads (bench/README.md, scenario 8b), and at that size a total a
 * few seconds old misleads nobody. Below LARGE_TOTAL a total is always counted with its rows, in their
 * snapshot, so it agrees with the page exactly; the rows themselves are always read fresh.
 */
export const LARGE_TOTAL = 10_000;
const totals = new Map<string, { at: number; total: number }>();

export function knownLargeTotal(key: string): number | null {
  const hit = totals.get(key);
  return hit && Date.now() - hit.at < FRESH_MS ? hit.total : null;
}

export function rememberTotal(key: string, total: number) {
  totals.delete(key);
  if (total < LARGE_TOTAL) return;
  totals.set(key, { at: Date.now(), total });
  while (totals.size > MAX_ENTRIES) totals.delete(totals.keys().next().value!);
}
