"use client";
import { BanIcon, Link2Icon } from "lucide-react";
import { Ban as BanGlyph } from "lucide";
import { useRouter } from "next/navigation";
import { useMemo, useState, type ReactNode } from "react";
import { useIconSprite } from "@/components/icon-sprite";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Deferred } from "@/components/deferred";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { ClientPage } from "@/lib/data-table/params";
import { revokeSignInLinksAction } from "@/lib/sign-in-links/actions";
import type { SignInLinkRow } from "@/lib/sign-in-links/queries";
import { LINK_STATUSES, linksSearchParams, type LinkStatus } from "@/lib/sign-in-links/schema";
import { useFormat } from "@/components/locale-provider";
import { callAction } from "@/lib/call-action";

const STATUS_VARIANT: Record<LinkStatus, "warning" | "success" | "muted" | "outline"> = { unused: "warning", used: "success", expired: "muted", revoked: "outline" };
const FACETS = [
  { key: "purpose", label: "Purpose", options: [{ value: "sign-in", label: "Sign-in" }, { value: "impersonation", label: "Impersonation" }] },
  { key: "status", label: "Status", options: LINK_STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) })) },
];

export function SignInLinksTable({ rows, rowCount, pageCount, mayRevoke }: ClientPage<SignInLinkRow> & { mayRevoke: boolean }) {
  const { plural } = useFormat();
  const links = (n: number) => plural(n, "link");
  const router = useRouter();
  const [confirm, setConfirm] = useState<{ rows: SignInLinkRow[]; done?: () => void } | null>(null);

  const sprite = useIconSprite({ revoke: BanGlyph });
  const { icon } = sprite;
  const columns = useMemo(() => linkColumns(mayRevoke, (row) => setConfirm({ rows: [row] }), icon("revoke")), [mayRevoke, icon]);

  return (
    <>
      {sprite.defs}
      <DataTable
        label="Sign-in links"
        columns={columns}
        data={rows}
        rowCount={rowCount}
        pageCount={pageCount}
        sortParser={linksSearchParams.sort}
        searchPlaceholder="Search person or issuer"
        facets={FACETS}
        bulkActions={
          mayRevoke
            ? (selected, clear) => {
                const revocable = selected.filter((r) => r.status === "unused");
                return (
                  <Button size="sm" variant="destructive" disabled={!revocable.length} onClick={() => setConfirm({ rows: revocable, done: clear })}>
                    <BanIcon /> Revoke {revocable.length}
                  </Button>
                );
              }
            : undefined
        }
        emptyState={<EmptyState icon={Link2Icon} title="No sign-in links" description="Links you issue appear here with their status; the links themselves are never stored." />}
      />
      <ConfirmDialog
        open={!!confirm}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={`Revoke ${links(confirm?.rows.length ?? 0)}?`}
        description="They stop working at once. Sessions already started with a link are not affected."
        confirmLabel="Revoke"
        destructive
        onConfirm={async () => {
          if (!confirm) return;
          const res = await callAction(revokeSignInLinksAction({ ids: confirm.rows.map((r) => r.id) }));
          if (!res.ok) toast.error("Could not revoke", { description: res.error });
          else toast.success(`${links(res.data.filter((r) => r.status === "revoked").length)} revoked`);
          confirm.done?.();
          router.refresh();
        }}
      />
    </>
  );
}

function linkColumns(mayRevoke: boolean, onRevoke: (row: SignInLinkRow) => void, revokeIcon: ReactNode): DataTableColumn<SignInLinkRow>[] {
  return [
    { id: "email", header: "For", cell: ({ row }) => <span className="font-medium">{row.original.email}</span> },
    {
      id: "purpose",
      header: "Purpose",
      cell: ({ row }) =>
        row.original.purpose === "impersonation" ? (
          <Deferred
            trigger={
              <Badge variant="destructive" tabIndex={0}>
                impersonation
              </Badge>
            }
          >
            {(trigger) => (
              <Tooltip>
                <TooltipTrigger asChild>{trigger}</TooltipTrigger>
                <TooltipContent>Reason: {row.original.reason}</TooltipContent>
              </Tooltip>
            )}
          </Deferred>
        ) : (
          <Badge variant="secondary">sign-in</Badge>
        ),
    },
    { id: "issuer", header: "Issued by", cell: ({ row }) => row.original.issuerEmail ?? "system" },
    { id: "status", header: "Status", cell: ({ row }) => <Badge variant={STATUS_VARIANT[row.original.status]}>{row.original.status}</Badge> },
    { id: "createdAt", header: "Created", meta: { sortKey: "createdAt" }, cell: ({ row }) => <RelativeTime date={row.original.createdAt} /> },
    {
      id: "expiresAt",
      header: "Expires",
      meta: { sortKey: "expiresAt" },
      cell: ({ row }) => (row.original.status === "unused" || row.original.status === "expired" ? <RelativeTime date={row.original.expiresAt} prefix={{ past: "expired " }} /> : null),
    },
    {
      id: "used",
      header: "Used",
      cell: ({ row }) =>
        row.original.usedAt ? (
          <span className="flex flex-col">
            <RelativeTime date={row.original.usedAt} />
            <span className="font-mono text-xs text-muted-foreground">{row.original.usedIp ?? "unknown IP"}</span>
          </span>
        ) : null,
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) =>
        mayRevoke && row.original.status === "unused" ? (
          <Button size="sm" variant="ghost" onClick={() => onRevoke(row.original)} aria-label={`Revoke link for ${row.original.email}`}>
            {revokeIcon} Revoke
          </Button>
        ) : null,
    },
  ];
}
