"use client";
import { ScrollTextIcon } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import type { FacetOption } from "@/components/data-table/types";
import type { AuditRow } from "@/lib/audit/queries";
import { auditSearchParams } from "@/lib/audit/schema";
import type { ClientPage } from "@/lib/data-table/params";

const columns: DataTableColumn<AuditRow>[] = [
  { id: "createdAt", header: "When", meta: { sortKey: "createdAt" }, cell: ({ row }) => <RelativeTime date={row.original.createdAt} /> },
  {
    id: "actor",
    header: "Actor",
    cell: ({ row }) => (
      <span className="flex flex-col">
        <span>{row.original.actorEmail}</span>
        {row.original.impersonatorEmail && <span className="text-xs text-muted-foreground">impersonated by {row.original.impersonatorEmail}</span>}
        {row.original.apiKey && <span className="text-xs text-muted-foreground">with API key “{row.original.apiKey}”</span>}
      </span>
    ),
  },
  { id: "action", header: "Action", cell: ({ row }) => <Badge variant="secondary" className="font-mono">{row.original.action}</Badge> },
  { id: "target", header: "Target", cell: ({ row }) => row.original.target },
  { id: "organization", header: "Organization", cell: ({ row }) => row.original.organization },
  { id: "ip", header: "IP", cell: ({ row }) => (row.original.ipAddress ? <span className="font-mono text-xs">{row.original.ipAddress}</span> : null) },
];

export function AuditTable({ rows, rowCount, pageCount, actions }: ClientPage<AuditRow> & { actions: FacetOption[] }) {
  return (
    <DataTable
      label="Audit log"
      columns={columns}
      data={rows}
      rowCount={rowCount}
      pageCount={pageCount}
      sortParser={auditSearchParams.sort}
      searchPlaceholder="Search actor, target or action"
      facets={[{ key: "action", label: "Action", options: actions }]}
      emptyState={<EmptyState icon={ScrollTextIcon} title="Nothing recorded yet" description="Changes made through Admit appear here as they happen." />}
    />
  );
}
