import { TriangleAlertIcon } from "lucide-react";
import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { BackLink } from "@/components/back-link";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getCampaignFunnel, listRecipients } from "@/lib/campaigns/queries";
import { guarded } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { getCurrentActor } from "@/lib/session";
import { CAMPAIGN_STATUS_VARIANT } from "../_components/campaigns-table";
import { CampaignControls } from "./_components/campaign-controls";
import { CampaignFunnel } from "./_components/campaign-funnel";
import { CampaignProgress } from "./_components/campaign-progress";
import { RecipientsTable } from "./_components/recipients-table";
import { campaignForPage } from "./_data";
import { forClient } from "@/lib/data-table/params";

export const metadata: Metadata = { title: "Campaign" };

export default async function CampaignPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await params;
  const actor = await getCurrentActor();
  const campaign = await campaignForPage(id);
  const [recipients, funnel, mayManage] = await Promise.all([
    guarded(listRecipients(actor, id, await searchParams)),
    guarded(getCampaignFunnel(actor, id)),
    can(actor, "campaign:manage", { organizationId: campaign.organizationId }),
  ]);
  return (
    <>
      <BackLink href="/campaigns">Campaigns</BackLink>
      <PageHeader
        title={campaign.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge variant={CAMPAIGN_STATUS_VARIANT[campaign.status]} data-testid="campaign-status">
              {campaign.status}
            </Badge>
            {campaign.kind === "invitation" ? "Invitations" : "Sign-in links"} to {campaign.organization} · created by {campaign.createdByEmail}{" "}
            <RelativeTime date={campaign.createdAt} />
          </span>
        }
        actions={<CampaignControls id={campaign.id} status={campaign.status} failed={campaign.counts.failed ?? 0} mayManage={mayManage} pausedForBounces={!!campaign.pausedReason} />}
      />
      {campaign.status === "paused" && campaign.pausedReason && (
        <div role="alert" className="flex gap-3 rounded-lg border border-destructive/40 bg-destructive/5 p-4 text-sm">
          <TriangleAlertIcon className="size-5 shrink-0 text-destructive" aria-hidden />
          <p>{campaign.pausedReason}</p>
        </div>
      )}
      <Card>
        <CardHeader>
          <CardTitle level={2}>Progress</CardTitle>
        </CardHeader>
        <CardContent>
          <CampaignProgress total={campaign.total} done={campaign.done} counts={campaign.counts} delivery={campaign.delivery} live={campaign.status === "queued" || campaign.status === "sending"} />
        </CardContent>
      </Card>
      {funnel.counts.sent > 0 && (
        <Card>
          <CardHeader>
            <CardTitle level={2}>Funnel</CardTitle>
          </CardHeader>
          <CardContent>
            <CampaignFunnel campaignId={campaign.id} funnel={funnel} />
          </CardContent>
        </Card>
      )}
      <RecipientsTable {...forClient(recipients)} />
    </>
  );
}
