/**
 * Checks an NDJSON export of the audit log (`/audit/export?format=ndjson`) without the database: each event's
 * hash is recomputed from its fields, and events next to each other in a chain must link (`prevHash`). An
 * export filtered by search or action has gaps, which are listed, not failed; the signed heads need the
 * server's secret and so are checked only against the database (`npm run audit:verify`).
 */
import { eventHash, type ChainedEvent } from "./chain";

export interface ExportReport {
  events: number;
  /** Events the export has no hash for (not sealed yet when exported). */
  unsealed: number;
  chains: { chain: string; events: number; first: number; last: number; gaps: [number, number][]; problem: string | null }[];
  /** Lines that are not an exported event. */
  malformed: number[];
}

type Exported = ChainedEvent & { hash: string | null };

function parse(line: string): Exported | null {
  try {
    const e = JSON.parse(line) as Partial<Exported>;
    return e && typeof e === "object" && typeof e.id === "string" && typeof e.action === "string" && typeof e.createdAt === "string" ? (e as Exported) : null;
  } catch {
    return null;
  }
}

export async function verifyExport(lines: AsyncIterable<string> | Iterable<string>): Promise<ExportReport> {
  const byChain = new Map<string, { seq: number; prevHash: string | null; hash: string; ok: boolean; id: string }[]>();
  const report: ExportReport = { events: 0, unsealed: 0, chains: [], malformed: [] };
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    const e = parse(line);
    if (!e) {
      report.malformed.push(n);
      continue;
    }
    report.events++;
    if (!e.hash || !e.chain || typeof e.seq !== "number") {
      report.unsealed++;
      continue;
    }
    const list = byChain.get(e.chain) ?? byChain.set(e.chain, []).get(e.chain)!;
    list.push({ seq: e.seq, prevHash: e.prevHash ?? null, hash: e.hash, ok: eventHash(e) === e.hash, id: e.id });
  }
  for (const [chain, list] of [...byChain].sort(([a], [b]) => a.localeCompare(b))) {
    list.sort((a, b) => a.seq - b.seq);
    const gaps: [number, number][] = [];
    let problem: string | null = null;
    for (let i = 0; i < list.length && !problem; i++) {
      const e = list[i];
      const before = list[i - 1];
      if (!e.ok) problem = `Event ${e.seq} (${e.id}) was changed: its contents no longer match its hash.`;
      else if (before && before.seq === e.seq) problem = `Event ${e.seq} appears twice.`;
      else if (before && before.seq === e.seq - 1 && e.prevHash !== before.hash) problem = `Event ${e.seq} (${e.id}) does not follow event ${before.seq}.`;
      else if (before && before.seq < e.seq - 1) gaps.push([before.seq + 1, e.seq - 1]);
    }
    report.chains.push({ chain, events: list.length, first: list[0].seq, last: list[list.length - 1].seq, gaps, problem });
  }
  return report;
}
