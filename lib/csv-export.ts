/**
 * CSV for download, safe to open in a spreadsheet: a cell that starts with = + - @ or a tab/carriage
 * return would be run as a formula, so it gets a leading apostrophe; fields are quoted per RFC 4180.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
