import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/page-header";
import { guarded } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { getCurrentActor } from "@/lib/session";
import { listSuppressions } from "@/lib/suppressions/queries";
import { AddSuppressionsDialog } from "./_components/add-suppressions-dialog";
import { SuppressionsTable } from "./_components/suppressions-table";
import { forClient } from "@/lib/data-table/params";

export const metadata: Metadata = { title: "Suppressions" };

export default async function SuppressionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await getCurrentActor();
  const [page, mayManage] = await Promise.all([guarded(listSuppressions(actor, await searchParams)), can(actor, "suppression:manage")]);
  return (
    <>
      <PageHeader
        title="Suppressions"
        description="Addresses Admit never emails — no invitation, campaign or staff-sent link — because they bounced, complained or were added here. People can still ask for their own sign-in link."
        actions={mayManage && <AddSuppressionsDialog />}
      />
      <SuppressionsTable {...forClient(page)} mayManage={mayManage} />
    </>
  );
}
