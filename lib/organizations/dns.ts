/**
 * TXT records for domain verification: DNS, or — in development and tests only (ADMIT_DNS_STUB_FILE, refused in
 * production) — a JSON file of records, so tests prove domains without the network.
 */
import fs from "node:fs";
import { resolveTxt } from "node:dns/promises";
import { env } from "@/lib/env";

export async function txtRecords(name: string): Promise<string[]> {
  const stub = env.dnsStubFile;
  if (stub) {
    const records = fs.existsSync(stub) ? (JSON.parse(fs.readFileSync(stub, "utf8")) as Record<string, string[]>) : {};
    return records[name] ?? [];
  }
  try {
    return (await resolveTxt(name)).map((parts) => parts.join(""));
  } catch (e) {
    // No such name, or no TXT there: nothing to match (a resolver failure is an error the caller reports).
    if (["ENOTFOUND", "ENODATA", "NXDOMAIN"].includes((e as { code?: string }).code ?? "")) return [];
    throw e;
  }
}
