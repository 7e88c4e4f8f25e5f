"use client";
import { UsersIcon } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import type { RecipientRow } from "@/lib/campaigns/queries";
import { FUNNEL_STAGE_TEXT, FUNNEL_STAGES, RECIPIENT_STATUSES, recipientsSearchParams } from "@/lib/campaigns/schema";
import type { ClientPage } from "@/lib/data-table/params";

const VARIANT: Record<string, "muted" | "success" | "destructive" | "outline" | "secondary"> = { pending: "muted", sent: "success", failed: "destructive", skipped: "secondary", canceled: "outline" };

const columns: DataTableColumn<RecipientRow>[] = [
  { id: "row", header: "#", meta: { sortKey: "row", className: "w-12" }, cell: ({ row }) => <span className="tabular-nums text-muted-foreground">{row.original.row + 1}</span> },
  { id: "email", header: "Email", meta: { sortKey: "email" }, cell: ({ row }) => <span className="font-medium">{row.original.email}</span> },
  { id: "name", header: "Name", cell: ({ row }) => row.original.name },
  { id: "status", header: "Status", cell: ({ row }) => <Badge variant={VARIANT[row.original.status]}>{row.original.status}</Badge> },
  { id: "delivery", header: "Delivery", cell: ({ row }) => row.original.deliveryStatus },
  { id: "error", header: "Error", cell: ({ row }) => (row.original.error ? <span className="text-xs text-destructive">{row.original.error}</span> : null) },
  { id: "sentAt", header: "Sent", cell: ({ row }) => (row.original.sentAt ? <RelativeTime date={row.original.sentAt} /> : null) },
];

export function RecipientsTable({ rows, rowCount, pageCount }: ClientPage<RecipientRow>) {
  return (
    <DataTable
      label="Recipients"
      columns={columns}
      data={rows}
      rowCount={rowCount}
      pageCount={pageCount}
      sortParser={recipientsSearchParams.sort}
      searchPlaceholder="Search by email"
      facets={[
        { key: "status", label: "Status", options: RECIPIENT_STATUSES.map((s) => ({ value: s, label: s })) },
        { key: "stage", label: "Funnel stage", options: FUNNEL_STAGES.map((s) => ({ value: s, label: FUNNEL_STAGE_TEXT[s] })) },
      ]}
      emptyState={<EmptyState icon={UsersIcon} title="No recipients match" />}
    />
  );
}
