import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/page-header";
import { listOrganizations } from "@/lib/organizations/queries";
import { guarded } from "@/lib/page-guard";
import { getCurrentActor } from "@/lib/session";
import { OrganizationsTable } from "../_components/organizations-table";
import { forClient } from "@/lib/data-table/params";

export const metadata: Metadata = { title: "Organizations" };

export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await guarded(listOrganizations(await getCurrentActor(), await searchParams));
  return (
    <>
      <PageHeader title="Organizations" description="Organizations you can manage, with their members and open invitations." />
      <OrganizationsTable {...forClient(page)} />
    </>
  );
}
