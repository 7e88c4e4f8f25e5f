/**
 * The one redirect rule. Every place that takes a destination (sign-in `next`, magic-link `callbackURL`,
 * sign-in link `redirectTo`, invitation and welcome pages, campaign links) asks here.
 *
 * A destination is accepted only as a path on this site, judged on the *normalized* URL, that is the path
 * a browser will actually follow: dot segments (`/./`, `/../`, `%2e`) are resolved first, so `/.//evil`
 * (which a browser follows to `//evil`, another host) is refused. Control characters (tabs and newlines are
 * silently dropped by URL parsers), backslashes (read as `/`) and anything over 2,048 characters are refused
 * outright. The accepted value is a fixed point: following it again gives the same path on the same origin.
 */
const BASE = "http://admit.invalid";
const MAX_LENGTH = 2048;

/** The same-origin path a browser would follow for `value`, or null when `value` is not one. */
export function normalizeRedirect(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(value)) return null;
  if (!value.startsWith("/") || value.startsWith("//")) return null;
  const path = pathOf(value);
  if (path === null || path.startsWith("//")) return null;
  // Following the normalized path must land on itself (nothing left for a second normalization to change).
  return pathOf(path) === path ? path : null;
}

/** `normalizeRedirect`, with a default for values read from a URL (bad ones are ignored, not reported). */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  return normalizeRedirect(value) ?? fallback;
}

function pathOf(value: string): string | null {
  try {
    const url = new URL(value, BASE);
    return url.origin === BASE ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}
