import { env } from "@/lib/env";
import type { SinkMessage } from "./server";

/** Messages stored by the local Resend sink (dev outbox, tests). */
export async function listSinkMessages(filter: { to?: string; limit?: number } = {}, baseUrl = env.resendBaseUrl ?? undefined): Promise<SinkMessage[]> {
  if (!baseUrl) return [];
  const url = new URL("/_sink/emails", baseUrl);
  if (filter.to) url.searchParams.set("to", filter.to);
  if (filter.limit) url.searchParams.set("limit", String(filter.limit));
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(`mail sink answered ${res.status}`);
  return ((await res.json()) as { data: SinkMessage[] }).data;
}

/** The first link in a message's HTML whose address contains `fragment`. */
export function findLink(message: Pick<SinkMessage, "html">, fragment: string) {
  for (const match of (message.html ?? "").matchAll(/href="([^"]+)"/g)) {
    const href = match[1].replaceAll("&amp;", "&");
    if (href.includes(fragment)) return href;
  }
  return undefined;
}

/** The batch calls the sink received that had a recipient matching `to`. */
export async function listSinkBatches(to: string, baseUrl = env.resendBaseUrl ?? undefined) {
  const url = new URL("/_sink/batches", baseUrl);
  url.searchParams.set("to", to);
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(`mail sink answered ${res.status}`);
  return ((await res.json()) as { data: { size: number; to: string[]; idempotencyKey?: string }[] }).data;
}

/** Configure the emulator: rate limit, injected failures (tests and benchmarks only). */
export async function configureSink(
  config: { rateLimitPerSecond?: number | null; rateLimitMatch?: string; failures?: { status: number; count: number; retryAfter?: number; match?: string }[]; keepMessages?: boolean },
  baseUrl = env.resendBaseUrl ?? undefined,
) {
  const res = await fetch(new URL("/_sink/config", baseUrl), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(config) });
  if (!res.ok) throw new Error(`mail sink answered ${res.status}`);
}
