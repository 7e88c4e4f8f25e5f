"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useFormat } from "@/components/locale-provider";
import { Progress } from "@/components/ui/progress";

const LABELS: Record<string, string> = {
  pending: "Waiting",
  sent: "Sent",
  failed: "Failed",
  skipped: "Skipped",
  canceled: "Canceled",
  delivered: "Delivered",
  bounced: "Bounced",
  complained: "Complained",
  delivery_delayed: "Delayed",
};

/** Live while sending: the page's data is refreshed every two seconds until the campaign settles. */
export function CampaignProgress({ total, done, counts, delivery, live }: { total: number; done: number; counts: Record<string, number>; delivery: Record<string, number>; live: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(t);
  }, [live, router]);
  const f = useFormat();
  const pct = Math.round((done / Math.max(1, total)) * 100);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center gap-3">
        <Progress value={pct} aria-label="Campaign progress" aria-valuetext={`${pct}%`} className="h-3" />
        <span className="w-28 text-right text-sm font-medium tabular-nums" data-testid="campaign-percent" aria-live="polite">
          {pct}% · {f.number(done)}/{f.number(total)}
        </span>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {["pending", "sent", "failed", "skipped", "canceled"].map((k) => (
          <div key={k} className="rounded-md border p-3">
            <dt className="text-xs text-muted-foreground">{LABELS[k]}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={`count-${k}`}>
              {f.number(counts[k] ?? 0)}
            </dd>
          </div>
        ))}
      </dl>
      {Object.keys(delivery).length > 0 && (
        <p className="text-sm text-muted-foreground">
          Delivery: {Object.entries(delivery).map(([k, v]) => `${f.number(v)} ${LABELS[k]?.toLowerCase() ?? k}`).join(" · ")}
        </p>
      )}
    </div>
  );
}
