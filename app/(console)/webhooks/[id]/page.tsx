import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { BackLink } from "@/components/back-link";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { guarded } from "@/lib/page-guard";
import { getCurrentActor } from "@/lib/session";
import { getWebhookEndpoint } from "@/lib/webhooks/queries";
import { DeliveriesTable } from "./_components/deliveries-table";
import { forClient } from "@/lib/data-table/params";

export const metadata: Metadata = { title: "Webhook deliveries" };

export default async function WebhookEndpointPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await getCurrentActor();
  const { endpoint, deliveries } = await guarded(getWebhookEndpoint(actor, (await params).id, await searchParams));
  return (
    <>
      <BackLink href="/webhooks">Webhooks</BackLink>
      <PageHeader
        title={endpoint.url}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge variant={endpoint.enabled ? "success" : "destructive"}>{endpoint.enabled ? "enabled" : "disabled"}</Badge>
            {endpoint.disabledReason && <span>{endpoint.disabledReason}</span>}
            <span>{endpoint.events.length ? endpoint.events.join(", ") : "All events"}</span>
          </span>
        }
      />
      <DeliveriesTable {...forClient(deliveries)} />
    </>
  );
}
