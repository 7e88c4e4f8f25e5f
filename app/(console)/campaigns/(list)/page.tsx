import { PlusIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { listCampaigns } from "@/lib/campaigns/queries";
import { guarded } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { getCurrentActor } from "@/lib/session";
import { CampaignsTable } from "../_components/campaigns-table";
import { forClient } from "@/lib/data-table/params";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await getCurrentActor();
  const page = await guarded(listCampaigns(actor, await searchParams));
  const mayCreate = await can(actor, "campaign:create");
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Invite many people at once from a CSV, with progress and delivery status."
        actions={
          mayCreate && (
            <Button asChild>
              <Link href="/campaigns/new">
                <PlusIcon /> New campaign
              </Link>
            </Button>
          )
        }
      />
      <CampaignsTable {...forClient(page)} />
    </>
  );
}
