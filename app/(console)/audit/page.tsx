import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/page-header";
import { listAuditEvents } from "@/lib/audit/queries";
import { guarded } from "@/lib/page-guard";
import { getCurrentActor } from "@/lib/session";
import { AuditTable } from "./_components/audit-table";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await guarded(listAuditEvents(await getCurrentActor(), await searchParams));
  return (
    <>
      <PageHeader title="Audit log" description="Every change made through Admit: who, what, where and when. Entries cannot be edited." />
      <AuditTable {...page} />
    </>
  );
}
