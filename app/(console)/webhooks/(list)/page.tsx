import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { listInvitableOrganizations } from "@/lib/invitations/queries";
import { guarded } from "@/lib/page-guard";
import { getCurrentActor } from "@/lib/session";
import { EVENT_TEXT, WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { listWebhookEndpoints } from "@/lib/webhooks/queries";
import { EndpointDialog } from "../_components/endpoint-dialog";
import { EndpointsTable } from "../_components/endpoints-table";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const actor = await getCurrentActor();
  const [endpoints, organizations] = await Promise.all([guarded(listWebhookEndpoints(actor)), listInvitableOrganizations(actor)]);
  const choices = { events: WEBHOOK_EVENTS.map((value) => ({ value, label: EVENT_TEXT[value] })), organizations: organizations.map((o) => ({ value: o.id, label: o.name })) };
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Admit posts every change to these endpoints, signed (Standard Webhooks), retried for more than a day until your server answers 2xx."
        actions={<EndpointDialog {...choices} />}
      />
      <EndpointsTable endpoints={endpoints} choices={choices} />
    </>
  );
}
