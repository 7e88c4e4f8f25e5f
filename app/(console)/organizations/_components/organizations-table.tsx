"use client";
import { Building2Icon } from "lucide-react";
import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import type { ClientPage } from "@/lib/data-table/params";
import type { OrganizationRow } from "@/lib/organizations/queries";
import { organizationsSearchParams } from "@/lib/organizations/schema";

const columns: DataTableColumn<OrganizationRow>[] = [
  {
    id: "name",
    header: "Name",
    meta: { sortKey: "name" },
    cell: ({ row }) => (
      <Link href={`/organizations/${row.original.id}`} className="row-link">
        {row.original.name}
      </Link>
    ),
  },
  { id: "slug", header: "Slug", cell: ({ row }) => <span className="font-mono text-xs text-muted-foreground">{row.original.slug}</span> },
  { id: "members", header: "Members", meta: { sortKey: "members" }, cell: ({ row }) => <span className="tabular-nums">{row.original.members}</span> },
  { id: "teams", header: "Teams", cell: ({ row }) => <span className="tabular-nums">{row.original.teams}</span> },
  { id: "pending", header: "Pending invitations", cell: ({ row }) => <span className="tabular-nums">{row.original.pendingInvitations}</span> },
  { id: "createdAt", header: "Created", meta: { sortKey: "createdAt" }, cell: ({ row }) => <RelativeTime date={row.original.createdAt} /> },
];

export function OrganizationsTable({ rows, rowCount, pageCount }: ClientPage<OrganizationRow>) {
  return (
    <DataTable
      label="Organizations"
      columns={columns}
      data={rows}
      rowCount={rowCount}
      pageCount={pageCount}
      sortParser={organizationsSearchParams.sort}
      searchPlaceholder="Search name or slug"
      emptyState={<EmptyState icon={Building2Icon} title="No organizations" description="No organization matches, or you manage none yet." />}
    />
  );
}
