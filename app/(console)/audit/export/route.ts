/**
 * The audit log as a download, with the page's filters: `?format=csv` (spreadsheet-safe cells) or
 * `?format=ndjson` (one JSON event per line). Streamed 1,000 events at a time, so any size fits in constant memory.
 */
import { AUDIT_EXPORT_COLUMNS, exportAuditEvents } from "@/lib/audit/queries";
import { csvCell } from "@/lib/csv-export";
import { AppError } from "@/lib/errors";
import { getActor } from "@/lib/session";

type Event = Record<(typeof AUDIT_EXPORT_COLUMNS)[number], unknown>;
const value = (e: Event, column: (typeof AUDIT_EXPORT_COLUMNS)[number]) => (e[column] instanceof Date ? (e[column] as Date).toISOString() : column === "metadata" ? JSON.stringify(e[column] ?? {}) : e[column]);

export async function GET(request: Request) {
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "ndjson" ? "ndjson" : "csv";
  let batches: AsyncGenerator<Event[]>;
  try {
    batches = (await exportAuditEvents(await getActor(request.headers), Object.fromEntries(url.searchParams))) as AsyncGenerator<Event[]>;
  } catch (e) {
    if (e instanceof AppError) return new Response(e.message, { status: e.status });
    throw e;
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === "csv") controller.enqueue(encoder.encode("\uFEFF" + AUDIT_EXPORT_COLUMNS.join(",") + "\r\n"));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) return controller.close();
      const text =
        format === "csv"
          ? next.value.map((e) => AUDIT_EXPORT_COLUMNS.map((c) => csvCell(value(e, c))).join(",")).join("\r\n") + "\r\n"
          : next.value.map((e) => JSON.stringify(Object.fromEntries(AUDIT_EXPORT_COLUMNS.map((c) => [c, c === "metadata" ? (e.metadata ?? {}) : value(e, c)])))).join("\n") + "\n";
      controller.enqueue(encoder.encode(text));
    },
  });
  const name = `audit-${new Date().toISOString().slice(0, 10)}.${format}`;
  return new Response(stream, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
