import { DownloadIcon, ShieldCheckIcon } from "lucide-react";
import Link from "next/link";
import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { listAuditEvents } from "@/lib/audit/queries";
import { guarded } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { getCurrentActor } from "@/lib/session";
import { AuditTable } from "../_components/audit-table";
import { forClient } from "@/lib/data-table/params";

export const metadata: Metadata = { title: "Audit log" };

/** The export link keeps the page's filters (search and actions), not its paging. */
function exportHref(params: SearchParams, format: "csv" | "ndjson") {
  const out = new URLSearchParams({ format });
  for (const key of ["q", "action"] as const) {
    const v = params[key];
    if (typeof v === "string" && v) out.set(key, v);
  }
  return `/audit/export?${out}`;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const actor = await getCurrentActor();
  const page = await guarded(listAuditEvents(actor, params));
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made through Admit: who, what, where and when. Entries cannot be edited."
        actions={
          <div className="flex flex-wrap gap-2">
            {can(actor, "audit:verify") && (
              <Button variant="outline" asChild>
                <Link href="/audit/integrity">
                  <ShieldCheckIcon /> Verify integrity
                </Link>
              </Button>
            )}
            <Button variant="outline" asChild>
              <a href={exportHref(params, "csv")} download>
                <DownloadIcon /> Export CSV
              </a>
            </Button>
            <Button variant="outline" asChild>
              <a href={exportHref(params, "ndjson")} download>
                <DownloadIcon /> Export NDJSON
              </a>
            </Button>
          </div>
        }
      />
      <AuditTable {...forClient(page)} />
    </>
  );
}
