/**
 * Prisma's offline Wasm schema engine (this machine cannot download the native one) leaves 10 s / 60 s timers
 * pending after each command; unref() on those lets the CLI exit. Imported by the Prisma configs.
 */
const _setTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const t = _setTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 10_000) t.unref();
  return t;
}) as typeof setTimeout;
