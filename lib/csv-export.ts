/**
 * CSV for download, safe to open in a spreadsheet: a cell that starts with = + - @ or a tab/carriage
 * return would be run as a formula, so it gets a leading apostrophe; fields are quoted per RFC 4180.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A whole CSV file. It starts with a UTF-8 byte order mark, so spreadsheets show accents correctly. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return "\uFEFF" + [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/**
 * A download's file name from user text (a campaign's name, an uploaded file's name): ASCII letters,
 * digits, dots, dashes and underscores only, no leading dot, at most 80 characters, never empty.
 */
export function csvFileName(base: string | null | undefined, suffix: string, fallback = "export") {
  const safe = (base ?? "")
    .replace(/\.csv$/i, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[.-]+|[.-]+$/g, "")
    .slice(0, 80);
  return `${safe || fallback}-${suffix}.csv`;
}
