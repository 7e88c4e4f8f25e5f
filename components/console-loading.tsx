"use client";
import { Skeleton } from "@/components/ui/skeleton";

// A client component so that every console page's RSC payload holds a reference to it, not its tree (Next.js
// sends each segment's loading element with the page; bench/README.md, scenario 8).

export function ConsoleLoading() {
  return (
    <div className="flex flex-col gap-6" role="status" aria-label="Loading">
      <div className="space-y-2">
        <Skeleton className="h-7 w-48" />
        <Skeleton className="h-4 w-96" />
      </div>
      <div className="flex gap-2">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-8 w-24" />
      </div>
      <div className="rounded-md border p-3">
        {/* Eight table rows in one element (app/globals.css): this is in every console page's HTML. */}
        <div data-slot="skeleton-rows" />
      </div>
    </div>
  );
}
