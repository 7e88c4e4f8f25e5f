"use client";
import { BanIcon, CopyIcon, HistoryIcon, MailIcon, SendIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState, type ReactNode } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import type { FacetOption } from "@/components/data-table/types";
import { Deferred } from "@/components/deferred";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { InvitationStatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { ClientPage } from "@/lib/data-table/params";
import { resendInvitationsAction, revokeInvitationsAction } from "@/lib/invitations/actions";
import type { InvitationRow } from "@/lib/invitations/queries";
import { EXPIRING_WITHIN, invitationsSearchParams } from "@/lib/invitations/schema";
import { INVITATION_STATUSES } from "@/lib/invitations/status";
import { callAction } from "@/lib/call-action";
import { useFormat } from "@/components/locale-provider";
import { InvitationSheet } from "./invitation-sheet";

type Pending = { kind: "revoke" | "resend"; rows: InvitationRow[]; done?: () => void } | null;

const canResend = (r: InvitationRow) => r.status === "pending" || r.status === "expired";
const canRevoke = (r: InvitationRow) => r.status === "pending" || r.status === "expired";

export function InvitationsTable({
  rows,
  rowCount,
  pageCount,
  organizations,
  inviters,
  toolbarActions,
}: ClientPage<InvitationRow> & { organizations: FacetOption[]; inviters: FacetOption[]; toolbarActions?: ReactNode }) {
  const { plural } = useFormat();
  const router = useRouter();
  const [confirm, setConfirm] = useState<Pending>(null);
  const [detail, setDetail] = useState<InvitationRow | null>(null);

  const run = async (kind: "revoke" | "resend", targets: InvitationRow[]) => {
    const action = kind === "revoke" ? revokeInvitationsAction : resendInvitationsAction;
    const res = await callAction(action({ ids: targets.map((r) => r.id) }));
    if (!res.ok) {
      toast.error(kind === "revoke" ? "Could not revoke" : "Could not resend", { description: res.error });
      return;
    }
    const done = res.data.filter((o) => o.status !== "skipped").length;
    const skipped = res.data.filter((o) => o.status === "skipped");
    const verb = kind === "revoke" ? "revoked" : "resent";
    if (done) toast.success(`${plural(done, "invitation")} ${verb}`);
    if (skipped.length) toast.warning(`${plural(skipped.length, "invitation")} not ${verb}`, { description: skipped[0].reason });
    router.refresh();
  };

  // `run` only uses the router and state setters, which are stable.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const columns = useMemo(() => invitationColumns({ onDetail: setDetail, onResend: (r) => void run("resend", [r]), onRevoke: (r) => setConfirm({ kind: "revoke", rows: [r] }) }), []);

  return (
    <>
      <DataTable
        label="Invitations"
        columns={columns}
        data={rows}
        rowCount={rowCount}
        pageCount={pageCount}
        sortParser={invitationsSearchParams.sort}
        searchPlaceholder="Search by email"
        toolbarActions={toolbarActions}
        facets={invitationFacets(organizations, inviters)}
        bulkActions={(selected, clear) => {
          const resendable = selected.filter(canResend);
          const revocable = selected.filter(canRevoke);
          return (
            <>
              <Button size="sm" variant="outline" disabled={!resendable.length} onClick={() => setConfirm({ kind: "resend", rows: resendable, done: clear })}>
                <SendIcon /> Resend {resendable.length}
              </Button>
              <Button size="sm" variant="destructive" disabled={!revocable.length} onClick={() => setConfirm({ kind: "revoke", rows: revocable, done: clear })}>
                <BanIcon /> Revoke {revocable.length}
              </Button>
              <Button size="sm" variant="ghost" onClick={clear}>
                Clear selection
              </Button>
            </>
          );
        }}
        emptyState={<EmptyState icon={MailIcon} title="No invitations match" description="Invite people, or clear the filters to see every invitation." />}
      />
      <ConfirmDialog
        open={!!confirm}
        onOpenChange={(o) => !o && setConfirm(null)}
        {...confirmCopy(confirm, plural)}
        destructive={confirm?.kind === "revoke"}
        onConfirm={async () => {
          if (!confirm) return;
          await run(confirm.kind, confirm.rows);
          confirm.done?.();
        }}
      />
      <InvitationSheet invitation={detail} onOpenChange={(o) => !o && setDetail(null)} />
    </>
  );
}

function confirmCopy(confirm: Pending, plural: (n: number, one: string) => string) {
  const n = plural(confirm?.rows.length ?? 0, "invitation");
  return confirm?.kind === "revoke"
    ? { title: `Revoke ${n}?`, confirmLabel: "Revoke", description: "Their links stop working at once. People who already accepted are not affected. This cannot be undone." }
    : { title: `Resend ${n}?`, confirmLabel: "Resend", description: "Each gets a new expiry and the same link, and the email is sent again. Expired invitations are renewed." };
}

function invitationFacets(organizations: FacetOption[], inviters: FacetOption[]) {
  return [
    { key: "status", label: "Status", options: INVITATION_STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) })) },
    { key: "org", label: "Organization", options: organizations },
    { key: "inviter", label: "Inviter", options: inviters },
    { key: "role", label: "Role", options: ["owner", "admin", "member"].map((r) => ({ value: r, label: r })) },
    { key: "expiring", label: "Expiring", options: EXPIRING_WITHIN.map((w) => ({ value: w.value, label: w.label })) },
  ];
}

interface RowHandlers {
  onDetail: (r: InvitationRow) => void;
  onResend: (r: InvitationRow) => void;
  onRevoke: (r: InvitationRow) => void;
}

function invitationColumns(on: RowHandlers): DataTableColumn<InvitationRow>[] {
  return [
    {
      id: "email",
      header: "Email",
      meta: { sortKey: "email" },
      cell: ({ row }) => (
        <button className="row-link" onClick={() => on.onDetail(row.original)}>
          {row.original.email}
        </button>
      ),
    },
    { id: "organization", header: "Organization", cell: ({ row }) => row.original.organization },
    { id: "role", header: "Role", cell: ({ row }) => row.original.role },
    { id: "team", header: "Team", cell: ({ row }) => row.original.team },
    { id: "inviter", header: "Invited by", cell: ({ row }) => row.original.inviterEmail },
    { id: "status", header: "Status", cell: ({ row }) => <InvitationStatusBadge status={row.original.status} /> },
    { id: "createdAt", header: "Created", meta: { sortKey: "createdAt" }, cell: ({ row }) => <RelativeTime date={row.original.createdAt} /> },
    {
      id: "expiresAt",
      header: "Expires",
      meta: { sortKey: "expiresAt" },
      cell: ({ row }) => (canResend(row.original) ? <RelativeTime date={row.original.expiresAt} prefix={{ past: "expired " }} /> : null),
    },
    { id: "actions", header: () => <span className="sr-only">Actions</span>, meta: { headClassName: "w-10" }, cell: ({ row }) => <RowActions r={row.original} on={on} /> },
  ];
}

function RowActions({ r, on }: { r: InvitationRow; on: RowHandlers }) {
  const trigger = (
    // A glyph, not an inline SVG, and one class (app/globals.css, .row-menu): this button is on every row of the
    // page's HTML (the label names it). No `type`: not in a form, and 50 rows of it are 700 bytes.
    <button className="row-menu" aria-label={`Actions for ${r.email}`}>
      ⋯
    </button>
  );
  // The menu is mounted on first use of its button (components/deferred.tsx): one per row.
  return (
    <Deferred popup="menu" opensOn="press" trigger={trigger}>
      {(trigger) => (
        <DropdownMenu>
          <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            <DropdownMenuItem
              onSelect={async () => {
                await navigator.clipboard.writeText(`${window.location.origin}/invite/${r.id}`);
                toast.success("Invitation link copied");
              }}
            >
              <CopyIcon /> Copy link
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => on.onDetail(r)}>
              <HistoryIcon /> History
            </DropdownMenuItem>
            <DropdownMenuItem disabled={!canResend(r)} onSelect={() => on.onResend(r)}>
              <SendIcon /> {r.status === "expired" ? "Renew and resend" : "Resend"}
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem variant="destructive" disabled={!canRevoke(r)} onSelect={() => on.onRevoke(r)}>
              <BanIcon /> Revoke
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      )}
    </Deferred>
  );
}
