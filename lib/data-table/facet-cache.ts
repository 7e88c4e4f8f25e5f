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
