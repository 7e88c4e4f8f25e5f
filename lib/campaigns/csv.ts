/**
 * CSV reading for campaign uploads: UTF-8 (a BOM is fine), comma or semicolon (detected from the header),
 * RFC 4180 quoting (quotes, doubled quotes, separators and line breaks inside quotes), CRLF or LF, blank
 * lines skipped. Header names are matched in any case with common aliases; other columns become
 * per-recipient fields for the email template.
 */
export const MAX_CSV_BYTES = 10 * 1024 * 1024;
export const MAX_CSV_ROWS = 50_000;

export class CsvError extends Error {}

/** The message for a file over the size limit (the browser says the same before uploading). */
export function tooLargeMessage(bytes: number) {
  return `The file is ${bytes.toLocaleString("en")} bytes; the limit is 10 MB (${MAX_CSV_BYTES.toLocaleString("en")} bytes).`;
}

const ALIASES: Record<string, "email" | "name" | "role" | "team"> = {
  email: "email",
  "e-mail": "email",
  mail: "email",
  "email address": "email",
  "e-mail address": "email",
  name: "name",
  "full name": "name",
  fullname: "name",
  role: "role",
  team: "team",
};

export interface CsvRecord {
  /** 1-based line number of the record's first line in the file (the header is line 1). */
  line: number;
  email: string;
  name?: string;
  role?: string;
  team?: string;
  fields: Record<string, string>;
}

/** Decode bytes as UTF-8 text, refusing binary files. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_CSV_BYTES) throw new CsvError(tooLargeMessage(bytes.byteLength));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CsvError("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.");
  }
  if (text.includes("\u0000")) throw new CsvError("The file looks binary, not like a CSV.");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Split CSV text into rows of fields. */
export function parseRows(text: string, delimiter: "," | ";"): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = "";
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (c === delimiter) {
      cells.push(field);
      field = "";
      fieldStarted = false;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      cells.push(field);
      if (cells.length > 1 || cells[0].trim() !== "") rows.push({ line: rowLine, cells });
      cells = [];
      field = "";
      fieldStarted = false;
      line++;
      rowLine = line;
    } else {
      field += c;
      if (c !== " " && c !== "\t") fieldStarted = true;
    }
  }
  if (inQuotes) throw new CsvError(`A quoted field starting on line ${rowLine} is never closed.`);
  cells.push(field);
  if (cells.length > 1 || cells[0].trim() !== "") rows.push({ line: rowLine, cells });
  return rows;
}

function detectDelimiter(text: string): "," | ";" {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
}

export function parseCampaignCsv(bytes: Uint8Array): { records: CsvRecord[]; extraColumns: string[] } {
  const text = decodeCsv(bytes);
  if (!text.trim()) throw new CsvError("The file is empty.");
  const rows = parseRows(text, detectDelimiter(text));
  const [header, ...body] = rows;
  const columns = header.cells.map((h) => h.trim());
  const known = columns.map((h) => ALIASES[h.toLowerCase()]);
  const emailIndex = known.indexOf("email");
  if (emailIndex < 0) {
    throw new CsvError(`No email column. The first line must be a header with a column named “email” (found: ${columns.filter(Boolean).slice(0, 6).join(", ") || "nothing"}).`);
  }
  if (body.length === 0) throw new CsvError("The file has a header but no rows: add one person per line below it.");
  if (body.length > MAX_CSV_ROWS) throw new CsvError(`The file has ${body.length.toLocaleString("en")} rows; the limit is ${MAX_CSV_ROWS.toLocaleString("en")}.`);
  const extraColumns = columns.filter((h, i) => !known[i] && h);
  const records = body.map(({ line, cells }) => {
    const record: CsvRecord = { line, email: "", fields: {} };
    cells.forEach((raw, i) => {
      const value = raw.trim();
      const key = known[i];
      if (key === "email") record.email = value;
      else if (key && value) record[key] = value;
      else if (!key && columns[i]) record.fields[columns[i]] = value;
    });
    return record;
  });
  return { records, extraColumns };
}
