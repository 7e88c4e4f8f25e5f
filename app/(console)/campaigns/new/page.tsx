import type { Metadata } from "next";
import { BackLink } from "@/components/back-link";
import { PageHeader } from "@/components/page-header";
import { listInvitableOrganizations } from "@/lib/invitations/queries";
import { guarded } from "@/lib/page-guard";
import { authorize, can } from "@/lib/permissions";
import { getCurrentActor } from "@/lib/session";
import { NewCampaign } from "./new-campaign";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  const actor = await getCurrentActor();
  await guarded(authorize(actor, "campaign:create"));
  const [organizations, maySignInLinks] = await Promise.all([listInvitableOrganizations(actor), can(actor, "signInLink:create")]);
  return (
    <>
      <BackLink href="/campaigns">Campaigns</BackLink>
      <PageHeader title="New campaign" description="Upload a CSV, check every row, then send. Nothing is written until you start the campaign." />
      <NewCampaign organizations={organizations} maySignInLinks={maySignInLinks} inviterName={actor?.name || actor?.email || ""} />
    </>
  );
}
