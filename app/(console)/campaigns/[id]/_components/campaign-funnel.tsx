"use client";
import Link from "next/link";
import { useLocale } from "@/components/locale-provider";
import type { CampaignFunnel as Funnel } from "@/lib/campaigns/funnel";
import { FUNNEL_STAGE_TEXT, FUNNEL_STAGES, type FunnelStage } from "@/lib/campaigns/schema";
import { formatBucket, formatNumber } from "@/lib/format";

const SERIES: { stage: FunnelStage; color: string }[] = [
  { stage: "sent", color: "var(--chart-1, #2563eb)" },
  { stage: "delivered", color: "var(--chart-2, #0d9488)" },
  { stage: "opened", color: "var(--chart-3, #ca8a04)" },
  { stage: "clicked", color: "var(--chart-4, #9333ea)" },
  { stage: "accepted", color: "var(--chart-5, #16a34a)" },
];

/**
 * The funnel: each stage's count and share of what was sent, each a link that filters the recipients below;
 * then the stages over time (an SVG chart, with the same numbers in a table for screen readers). A client
 * component for its weight, not its state: the page sends the funnel's numbers, not its markup twice (the
 * HTML and the RSC payload; bench/README.md, scenario 8).
 */
export function CampaignFunnel({ campaignId, funnel }: { campaignId: string; funnel: Funnel }) {
  const locale = useLocale();
  const sent = funnel.counts.sent;
  return (
    <div className="space-y-6">
      <ol aria-label="Funnel" className="grid gap-2">
        {FUNNEL_STAGES.map((stage) => {
          const n = funnel.counts[stage];
          const share = sent ? Math.round((n / sent) * 100) : 0;
          return (
            <li key={stage} className="grid grid-cols-[8rem_1fr_6rem] items-center gap-3 text-sm">
              <Link href={`/campaigns/${campaignId}?stage=${stage}`} className="underline-offset-4 hover:underline">
                {FUNNEL_STAGE_TEXT[stage]}
              </Link>
              <span className="h-2 overflow-hidden rounded-full bg-muted" aria-hidden>
                <span className={`block h-full rounded-full ${stage === "bounced" || stage === "expired" ? "bg-destructive/70" : "bg-primary"}`} style={{ width: `${stage === "sent" ? (funnel.counts.recipients ? (n / funnel.counts.recipients) * 100 : 0) : share}%` }} />
              </span>
              <span className="text-right tabular-nums">
                {formatNumber(n, locale)}
                {stage !== "sent" && sent > 0 && <span className="text-muted-foreground"> · {share}%</span>}
              </span>
            </li>
          );
        })}
      </ol>
      {funnel.series.length > 0 && <FunnelChart funnel={funnel} locale={locale} />}
    </div>
  );
}

function FunnelChart({ funnel, locale }: { funnel: Funnel; locale: string }) {
  const [w, h, pad] = [640, 160, 24];
  const points = funnel.series;
  const max = Math.max(1, ...points.flatMap((p) => SERIES.map((s) => p[s.stage] ?? 0)));
  const slot = (w - 2 * pad) / points.length;
  const bar = Math.min(14, (slot * 0.8) / SERIES.length);
  const label = (at: string) => formatBucket(new Date(at), funnel.unit, locale);
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-medium">Per {funnel.unit} (UTC)</figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} className="h-40 w-full" role="img" aria-label={`Sent, delivered, opened, clicked and accepted per ${funnel.unit}; the numbers are in the table that follows`}>
        <line x1={pad} x2={w - pad} y1={h - pad} y2={h - pad} stroke="currentColor" strokeOpacity={0.2} />
        {points.map((p, i) =>
          SERIES.map((s, j) => {
            const v = p[s.stage] ?? 0;
            const height = (v / max) * (h - 2 * pad);
            const x = pad + i * slot + (slot - bar * SERIES.length) / 2 + j * bar;
            return <rect key={`${p.at}-${s.stage}`} x={x} y={h - pad - height} width={Math.max(1, bar - 1)} height={height} fill={s.color} />;
          }),
        )}
        <text x={pad} y={h - 6} className="fill-muted-foreground text-[10px]">
          {label(points[0].at)}
        </text>
        {points.length > 1 && (
          <text x={w - pad} y={h - 6} textAnchor="end" className="fill-muted-foreground text-[10px]">
            {label(points[points.length - 1].at)}
          </text>
        )}
        <text x={pad} y={12} className="fill-muted-foreground text-[10px]">
          {max}
        </text>
      </svg>
      <ul className="flex flex-wrap gap-4 text-xs" aria-hidden>
        {SERIES.map((s) => (
          <li key={s.stage} className="flex items-center gap-1.5">
            <span className="inline-block size-2.5 rounded-full" style={{ background: s.color }} />
            {FUNNEL_STAGE_TEXT[s.stage]}
          </li>
        ))}
      </ul>
      {/* sr-only on a wrapper: a table grows to its content whatever its width, and would widen the page. */}
      <div className="sr-only">
      <table>
        <caption>Per {funnel.unit} (UTC)</caption>
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            {SERIES.map((s) => (
              <th key={s.stage} scope="col">
                {FUNNEL_STAGE_TEXT[s.stage]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.at}>
              <th scope="row">{label(p.at)}</th>
              {SERIES.map((s) => (
                <td key={s.stage}>{p[s.stage] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}
