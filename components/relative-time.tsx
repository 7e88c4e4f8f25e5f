"use client";
import { useEffect, useState } from "react";
import { Deferred } from "@/components/deferred";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { useLocale } from "@/components/locale-provider";
import { formatExact, formatRelative } from "@/lib/format";

/**
 * "in 3 days" / "2 hours ago", with the exact time on hover and focus; refreshes every minute. Rendered in
 * the request's language (Accept-Language) and UTC on the server, then in the browser's language and time
 * zone once hydrated.
 */
export function RelativeTime({ date, prefix, className }: { date: Date | string; prefix?: { past?: string; future?: string }; className?: string }) {
  const d = typeof date === "string" ? new Date(date) : date;
  const requested = useLocale();
  const [now, setNow] = useState(() => Date.now());
  const [viewer, setViewer] = useState<{ locale: string; timeZone: string } | null>(null);
  useEffect(() => {
    const { locale, timeZone } = Intl.DateTimeFormat().resolvedOptions();
    setViewer({ locale, timeZone });
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  const future = d.getTime() > now;
  const label = `${(future ? prefix?.future : prefix?.past) ?? ""}${formatRelative(d, now, viewer?.locale ?? requested)}`;
  const time = (
    <time dateTime={d.toISOString().replace(/\.\d{3}Z$/, "Z")} tabIndex={0} className={className} suppressHydrationWarning>
      {label}
    </time>
  );
  // The tooltip is mounted when the pointer or focus first reaches the time (components/deferred.tsx).
  return (
    <Deferred trigger={time}>
      {(trigger) => (
        <Tooltip>
          <TooltipTrigger asChild>{trigger}</TooltipTrigger>
          <TooltipContent>{viewer ? formatExact(d, viewer.locale, viewer.timeZone) : formatExact(d, requested)}</TooltipContent>
        </Tooltip>
      )}
    </Deferred>
  );
}
