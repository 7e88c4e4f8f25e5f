"use client";
import { useEffect, useState } from "react";

/** "Too many attempts. Try again in N s.", counting down to "You can try again now." */
export function RetryNotice({ seconds, what = "attempts" }: { seconds: number; what?: string }) {
  const [left, setLeft] = useState(Math.max(0, Math.ceil(seconds)));
  useEffect(() => {
    if (left <= 0) return;
    const t = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(t);
  }, [left]);
  return (
    <p role="alert" aria-live="polite" className="rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm text-destructive" data-testid="retry-notice">
      {left > 0 ? (
        <>
          Too many {what}. Try again in <span className="tabular-nums">{left}</span> s.
        </>
      ) : (
        "You can try again now."
      )}
    </p>
  );
}

