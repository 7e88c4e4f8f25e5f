"use client";
import Link from "next/link";
import { UsersIcon } from "lucide-react";
import { Link as LinkGlyph, UserRoundCog as UserRoundCogGlyph } from "lucide";
import { useMemo } from "react";
import { useIconSprite } from "@/components/icon-sprite";
import { IssueLinksDialog } from "@/components/issue-links-dialog";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import type { ClientPage } from "@/lib/data-table/params";
import type { UserRow } from "@/lib/users/queries";
import { CREATED_WITHIN, SIGN_IN_STATES, usersSearchParams } from "@/lib/users/schema";
import { UsersBulkActions } from "./users-bulk-actions";

const ROLE_LABELS: Record<string, string> = { admin: "Admin", support: "Support", user: "User" };

const baseColumns: DataTableColumn<UserRow>[] = [
  {
    id: "name",
    header: "Name",
    meta: { sortKey: "name" },
    cell: ({ row }) => (
      <Link href={`/users/${row.original.id}`} className="row-link">
        {row.original.name || row.original.email}
      </Link>
    ),
  },
  {
    id: "email",
    header: "Email",
    meta: { sortKey: "email" },
    cell: ({ row }) => (
      <span className="flex items-center gap-2">
        {row.original.email}
        {!row.original.emailVerified && <Badge variant="muted">unverified</Badge>}
      </span>
    ),
  },
  {
    id: "role",
    header: "Platform role",
    cell: ({ row }) => <Badge variant={row.original.role === "user" ? "outline" : "secondary"}>{ROLE_LABELS[row.original.role] ?? row.original.role}</Badge>,
  },
  {
    id: "status",
    header: "Status",
    cell: ({ row }) => (row.original.banned ? <Badge variant="destructive">Banned</Badge> : <Badge variant="success">Active</Badge>),
  },
  { id: "organizations", header: "Organizations", cell: ({ row }) => <span className="tabular-nums">{row.original.organizations}</span>, meta: { className: "text-right" } },
  {
    id: "lastSeenAt",
    header: "Last active",
    cell: ({ row }) => (row.original.lastSeenAt ? <RelativeTime date={row.original.lastSeenAt} /> : <span className="text-muted-foreground">Never signed in</span>),
  },
  { id: "createdAt", header: "Created", meta: { sortKey: "createdAt" }, cell: ({ row }) => <RelativeTime date={row.original.createdAt} /> },
];

export function UsersTable({
  rows,
  rowCount,
  pageCount,
  roleCounts,
  organizations,
  mayIssueLinks,
  mayImpersonate,
  mayBan,
}: ClientPage<UserRow> & { roleCounts: Record<string, number>; organizations: { value: string; label: string }[]; mayIssueLinks: boolean; mayImpersonate: boolean; mayBan: boolean }) {
  const sprite = useIconSprite({ link: LinkGlyph, impersonate: UserRoundCogGlyph });
  const { icon } = sprite;
  const columns = useMemo<DataTableColumn<UserRow>[]>(() => {
    if (!mayIssueLinks) return baseColumns;
    const actions: DataTableColumn<UserRow> = {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => {
        const u = row.original;
        return (
          <span className="flex justify-end gap-1">
            <IssueLinksDialog
              defaultEmails={u.email}
              purpose="sign-in"
              allowImpersonation={false}
              trigger={
                <Button size="icon-sm" variant="ghost" aria-label={`Sign-in link for ${u.email}`} disabled={u.banned}>
                  {icon("link")}
                </Button>
              }
            />
            {mayImpersonate && u.role !== "admin" && (
              <IssueLinksDialog
                defaultEmails={u.email}
                purpose="impersonation"
                allowImpersonation
                trigger={
                  <Button size="icon-sm" variant="ghost" aria-label={`Impersonate ${u.email}`} disabled={u.banned}>
                    {icon("impersonate")}
                  </Button>
                }
              />
            )}
          </span>
        );
      },
    };
    return [...baseColumns, actions];
  }, [mayIssueLinks, mayImpersonate, icon]);
  return (
    <>
      {sprite.defs}
      <DataTable
        label="Users"
        columns={columns}
        data={rows}
        rowCount={rowCount}
        pageCount={pageCount}
        sortParser={usersSearchParams.sort}
        searchPlaceholder="Search name or email"
        bulkActions={mayBan || mayIssueLinks ? (selected, clear) => <UsersBulkActions selected={selected} clear={clear} mayBan={mayBan} mayIssueLinks={mayIssueLinks} /> : undefined}
        facets={[
          { key: "role", label: "Role", options: ["admin", "support", "user"].map((r) => ({ value: r, label: ROLE_LABELS[r], count: roleCounts[r] ?? 0 })) },
          { key: "status", label: "Status", options: [{ value: "active", label: "Active" }, { value: "banned", label: "Banned" }] },
          { key: "org", label: "Organization", options: organizations },
          { key: "created", label: "Created", options: CREATED_WITHIN.map(({ value, label }) => ({ value, label })) },
          { key: "signIn", label: "Sign-in", options: SIGN_IN_STATES.map(({ value, label }) => ({ value, label })) },
        ]}
        emptyState={<EmptyState icon={UsersIcon} title="No users match" description="Try another search or clear the filters." />}
      />
    </>
  );
}
