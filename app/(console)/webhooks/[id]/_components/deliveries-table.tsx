"use client";
import { SendIcon } from "lucide-react";
import { RotateCcw as RotateCcwGlyph } from "lucide";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { useIconSprite } from "@/components/icon-sprite";
import { toast } from "sonner";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { callAction } from "@/lib/call-action";
import type { ClientPage } from "@/lib/data-table/params";
import { replayWebhookDeliveryAction } from "@/lib/webhooks/actions";
import type { WebhookDeliveryRow } from "@/lib/webhooks/queries";
import { DELIVERY_STATUSES, deliveriesSearchParams } from "@/lib/webhooks/schema";

const VARIANT: Record<string, "success" | "warning" | "destructive" | "secondary"> = { succeeded: "success", pending: "warning", delivering: "secondary", failed: "destructive" };
const FACETS = [{ key: "status", label: "Status", options: DELIVERY_STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) })) }];

/** The delivery log: each event sent to this endpoint, its attempts and the last answer; replay any of them. */
export function DeliveriesTable(page: ClientPage<WebhookDeliveryRow>) {
  const router = useRouter();
  const sprite = useIconSprite({ replay: RotateCcwGlyph });
  const { icon } = sprite;
  const columns = useMemo<DataTableColumn<WebhookDeliveryRow>[]>(
    () => [
      { id: "type", header: "Event", cell: ({ row }) => <code className="text-xs">{row.original.type}</code> },
      { id: "status", header: "Status", cell: ({ row }) => <Badge variant={VARIANT[row.original.status] ?? "secondary"}>{row.original.status}</Badge> },
      { id: "attempts", header: "Attempts", cell: ({ row }) => row.original.attempts },
      {
        id: "response",
        header: "Last answer",
        cell: ({ row }) =>
          row.original.responseStatus || row.original.error ? (
            <span className="flex max-w-72 flex-col whitespace-normal">
              <span className="font-mono text-xs">{row.original.responseStatus ? `HTTP ${row.original.responseStatus}` : row.original.error}</span>
              {row.original.responseStatus && row.original.error && <span className="text-xs text-muted-foreground">{row.original.error}</span>}
            </span>
          ) : null,
      },
      { id: "createdAt", header: "Created", meta: { sortKey: "createdAt" }, cell: ({ row }) => <RelativeTime date={row.original.createdAt} /> },
      {
        id: "next",
        header: "Delivered / next try",
        cell: ({ row }) =>
          row.original.deliveredAt ? (
            <RelativeTime date={row.original.deliveredAt} />
          ) : row.original.nextAttemptAt ? (
            <RelativeTime date={row.original.nextAttemptAt} prefix={{ future: "retry ", past: "retry due " }} />
          ) : null,
      },
      {
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) =>
          row.original.status === "delivering" ? null : (
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Replay ${row.original.type} ${row.original.eventId}`}
              onClick={async () => {
                const res = await callAction(replayWebhookDeliveryAction({ id: row.original.id }));
                if (res.ok) toast.success("Queued to send again");
                else toast.error("Could not replay", { description: res.error });
                router.refresh();
              }}
            >
              {icon("replay")} Replay
            </Button>
          ),
      },
    ],
    [router, icon],
  );
  return (
    <>
      {sprite.defs}
      <DataTable
        label="Deliveries"
        columns={columns}
        data={page.rows}
        rowCount={page.rowCount}
        pageCount={page.pageCount}
        sortParser={deliveriesSearchParams.sort}
        facets={FACETS}
        searchPlaceholder="Event type or id"
        emptyState={<EmptyState icon={SendIcon} title="No deliveries yet" description="Events for this endpoint appear here as they are sent." />}
      />
    </>
  );
}
