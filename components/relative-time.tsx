"use client";
import { useEffect, useState } from "react";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { formatExact, formatRelative } from "@/lib/format";

/** "in 3 days" / "2 hours ago", with the exact time on hover and focus; refreshes every minute. */
export function RelativeTime({ date, prefix, className }: { date: Date | string; prefix?: { past?: string; future?: string }; className?: string }) {
  const d = typeof date === "string" ? new Date(date) : date;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  const future = d.getTime() > now;
  const label = `${(future ? prefix?.future : prefix?.past) ?? ""}${formatRelative(d, now)}`;
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <time dateTime={d.toISOString()} tabIndex={0} className={className} suppressHydrationWarning>
          {label}
        </time>
      </TooltipTrigger>
      <TooltipContent suppressHydrationWarning>{formatExact(d)}</TooltipContent>
    </Tooltip>
  );
}
