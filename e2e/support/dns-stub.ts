/** Where the e2e console reads TXT records for domain verification (ADMIT_DNS_STUB_FILE), and how a journey publishes one. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const DNS_STUB_FILE = path.join(os.tmpdir(), `admit-e2e-dns-${process.env.E2E_PORT ?? "3100"}.json`);

export function publishTxt(name: string, value: string) {
  const records = fs.existsSync(DNS_STUB_FILE) ? (JSON.parse(fs.readFileSync(DNS_STUB_FILE, "utf8")) as Record<string, string[]>) : {};
  fs.writeFileSync(DNS_STUB_FILE, JSON.stringify({ ...records, [name]: [...(records[name] ?? []), value] }));
}
