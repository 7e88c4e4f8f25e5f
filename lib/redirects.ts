/**
 * Where we may send someone after a sign-in or a link: a path on this site only. Absolute URLs,
 * protocol-relative `//host`, backslash tricks and control characters all fall back to `fallback`.
 */
export function safeRedirectPath(value: string | null | undefined, fallback = "/") {
  if (!value || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const url = new URL(value, "http://admit.invalid");
    if (url.origin !== "http://admit.invalid") return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
