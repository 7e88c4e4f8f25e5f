/** The wait, in seconds, from a 429 response's headers (better-auth sends X-Retry-After). Client-safe. */
export function retryAfterOf(headers: Headers | undefined | null, fallback = 60) {
  const n = Number(headers?.get("x-retry-after") ?? headers?.get("retry-after"));
  return Number.isFinite(n) && n > 0 ? Math.ceil(n) : fallback;
}
