"use client";
import { MailIcon } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import type { FacetOption } from "@/components/data-table/types";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { InvitationStatusBadge } from "@/components/status-badge";
import type { Page } from "@/lib/data-table/params";
import type { InvitationRow } from "@/lib/invitations/queries";
import { invitationsSearchParams } from "@/lib/invitations/schema";
import { INVITATION_STATUSES } from "@/lib/invitations/status";

const columns: DataTableColumn<InvitationRow>[] = [
  { id: "email", header: "Email", meta: { sortKey: "email" }, cell: ({ row }) => <span className="font-medium">{row.original.email}</span> },
  { id: "organization", header: "Organization", cell: ({ row }) => row.original.organization },
  { id: "role", header: "Role", cell: ({ row }) => row.original.role },
  { id: "team", header: "Team", cell: ({ row }) => row.original.team ?? <span className="text-muted-foreground">—</span> },
  { id: "inviter", header: "Invited by", cell: ({ row }) => row.original.inviterEmail },
  { id: "status", header: "Status", cell: ({ row }) => <InvitationStatusBadge status={row.original.status} /> },
  { id: "createdAt", header: "Created", meta: { sortKey: "createdAt" }, cell: ({ row }) => <RelativeTime date={row.original.createdAt} /> },
  {
    id: "expiresAt",
    header: "Expires",
    meta: { sortKey: "expiresAt" },
    cell: ({ row }) =>
      row.original.status === "pending" || row.original.status === "expired" ? (
        <RelativeTime date={row.original.expiresAt} prefix={{ past: "expired " }} />
      ) : (
        <span className="text-muted-foreground">—</span>
      ),
  },
];

export function InvitationsTable({ rows, rowCount, pageCount, organizations }: Page<InvitationRow> & { organizations: FacetOption[] }) {
  return (
    <DataTable
      label="Invitations"
      columns={columns}
      data={rows}
      rowCount={rowCount}
      pageCount={pageCount}
      sortParser={invitationsSearchParams.sort}
      searchPlaceholder="Search by email"
      facets={[
        { key: "status", label: "Status", options: INVITATION_STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) })) },
        { key: "org", label: "Organization", options: organizations },
        { key: "role", label: "Role", options: ["owner", "admin", "member"].map((r) => ({ value: r, label: r })) },
      ]}
      emptyState={<EmptyState icon={MailIcon} title="No invitations match" description="Invitations appear here as soon as they are created." />}
    />
  );
}
