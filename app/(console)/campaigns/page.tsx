import { SendIcon } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { authorize } from "@/lib/permissions";
import { guarded } from "@/lib/page-guard";
import { getCurrentActor } from "@/lib/session";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  await guarded(authorize(await getCurrentActor(), "campaign:read"));
  return (
    <>
      <PageHeader title="Campaigns" description="Invite many people at once from a CSV, with progress and delivery status." />
      <div className="rounded-md border">
        <EmptyState icon={SendIcon} title="No campaigns yet" description="CSV campaigns are not available in this version of Admit yet." />
      </div>
    </>
  );
}
