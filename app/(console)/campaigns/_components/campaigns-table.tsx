"use client";
import { SendIcon } from "lucide-react";
import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Progress } from "@/components/ui/progress";
import type { CampaignRow } from "@/lib/campaigns/queries";
import { CAMPAIGN_STATUSES, campaignsSearchParams } from "@/lib/campaigns/schema";
import type { ClientPage } from "@/lib/data-table/params";

export const CAMPAIGN_STATUS_VARIANT: Record<string, "warning" | "success" | "secondary" | "outline" | "muted"> = {
  queued: "muted",
  sending: "warning",
  paused: "secondary",
  completed: "success",
  canceled: "outline",
};

const columns: DataTableColumn<CampaignRow>[] = [
  {
    id: "name",
    header: "Name",
    cell: ({ row }) => (
      <Link href={`/campaigns/${row.original.id}`} className="row-link">
        {row.original.name}
      </Link>
    ),
  },
  { id: "status", header: "Status", cell: ({ row }) => <Badge variant={CAMPAIGN_STATUS_VARIANT[row.original.status]}>{row.original.status}</Badge> },
  { id: "kind", header: "Kind", cell: ({ row }) => (row.original.kind === "invitation" ? "Invitations" : "Sign-in links") },
  { id: "organization", header: "Organization", cell: ({ row }) => row.original.organization },
  {
    id: "progress",
    header: "Progress",
    cell: ({ row }) => {
      const pct = Math.round((row.original.done / Math.max(1, row.original.total)) * 100);
      return (
        <span className="flex w-40 items-center gap-2">
          <Progress value={pct} aria-label={`${pct}% processed`} />
          <span className="w-16 text-right text-xs tabular-nums text-muted-foreground">
            {row.original.done}/{row.original.total}
          </span>
        </span>
      );
    },
  },
  { id: "createdBy", header: "Created by", cell: ({ row }) => row.original.createdByEmail },
  { id: "createdAt", header: "Created", meta: { sortKey: "createdAt" }, cell: ({ row }) => <RelativeTime date={row.original.createdAt} /> },
];

export function CampaignsTable({ rows, rowCount, pageCount }: ClientPage<CampaignRow>) {
  return (
    <DataTable
      label="Campaigns"
      columns={columns}
      data={rows}
      rowCount={rowCount}
      pageCount={pageCount}
      sortParser={campaignsSearchParams.sort}
      searchPlaceholder="Search by name"
      facets={[{ key: "status", label: "Status", options: CAMPAIGN_STATUSES.map((s) => ({ value: s, label: s })) }]}
      emptyState={<EmptyState icon={SendIcon} title="No campaigns yet" description="Upload a CSV of people to invite them all at once." />}
    />
  );
}
