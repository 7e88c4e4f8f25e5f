const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600e3],
  ["month", 30 * 24 * 3600e3],
  ["week", 7 * 24 * 3600e3],
  ["day", 24 * 3600e3],
  ["hour", 3600e3],
  ["minute", 60e3],
];
type Format = Intl.RelativeTimeFormat | Intl.DateTimeFormat | Intl.NumberFormat;
/**
 * Formatters are costly to make (a tenth of a millisecond each) and kept per kind and locale. The locale comes
 * from a request's Accept-Language, and a well-formed tag may carry any extension ("en-x-…"), so the cache is
 * bounded: past MAX_FORMATS the oldest goes.
 */
export const MAX_FORMATS = 200;
const formats = new Map<string, Format>();
function cached<T extends Format>(key: string, make: () => T): T {
  let format = formats.get(key);
  if (!format) {
    format = make();
    formats.set(key, format);
    if (formats.size > MAX_FORMATS) formats.delete(formats.keys().next().value!);
  }
  return format as T;
}
/** How many formatters are kept (for tests). */
export const keptFormats = () => formats.size;

/**
 * "in 3 days", "2 hours ago", "just now", in `locale` (the person's language: from the request's
 * Accept-Language on the server, from the browser once hydrated; components/relative-time.tsx).
 */
export function formatRelative(date: Date, now = Date.now(), locale = "en") {
  const diff = date.getTime() - now;
  const rtf = cached(`r:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return locale.startsWith("en") ? "just now" : rtf.format(0, "minute");
}

/** "23 Nov 2026, 14:05:09 UTC" on the server; the person's locale and time zone in the browser. */
export function formatExact(date: Date, locale = "en-GB", timeZone = "UTC") {
  return cached(`e:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "long", timeZone })).format(date);
}

/** A chart's time bucket in UTC: "3 Mar" for a day, "3 Mar, 14:00" for an hour. */
export function formatBucket(date: Date, unit: "hour" | "day", locale = "en") {
  const options: Intl.DateTimeFormatOptions = unit === "hour" ? { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" } : { day: "numeric", month: "short", timeZone: "UTC" };
  return cached(`b:${unit}:${locale}`, () => new Intl.DateTimeFormat(locale, options)).format(date);
}

export function initials(name: string, email: string) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length >= 2) return (words[0][0] + words[words.length - 1][0]).toUpperCase();
  return (words[0]?.[0] ?? email[0] ?? "?").toUpperCase();
}

/** 12,345 in English, 12.345 in German: grouped in `locale` (the person's, lib/locale.ts). */
export function formatNumber(n: number, locale = "en") {
  return cached(`n:${locale}`, () => new Intl.NumberFormat(locale)).format(n);
}

/** "1 row", "2 rows", "1 person", "3 people": a count with its noun, the number grouped in `locale`. */
export function plural(count: number, one: string, many = `${one}s`, locale = "en") {
  return `${formatNumber(count, locale)} ${count === 1 ? one : many}`;
}
