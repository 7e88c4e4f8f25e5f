/**
 * The person's locale, for numbers and dates (the console's words stay English): the first language of the
 * request's Accept-Language that this runtime's Intl knows, else English. The root layout hands it to client
 * components (components/locale-provider.tsx), so the server's HTML and the browser's first render agree.
 */
export const DEFAULT_LOCALE = "en";
const MAX_HEADER = 512;

export function negotiateLocale(acceptLanguage: string | null | undefined): string {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const wanted = acceptLanguage
    .slice(0, MAX_HEADER)
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.trim().slice(2) ?? "1");
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((w) => w.q > 0 && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(w.tag))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of wanted) {
    try {
      const [supported] = Intl.NumberFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // not a well-formed tag after all: the next one
    }
  }
  return DEFAULT_LOCALE;
}
