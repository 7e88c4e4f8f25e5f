"use client";
import Link from "next/link";
import { MailCheckIcon, MailXIcon } from "lucide-react";
import { MailCheck as MailCheckGlyph } from "lucide";
import { useRouter } from "next/navigation";
import { useMemo, useState, type ReactNode } from "react";
import { useIconSprite } from "@/components/icon-sprite";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/empty-state";
import { useFormat } from "@/components/locale-provider";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { callAction } from "@/lib/call-action";
import type { ClientPage } from "@/lib/data-table/params";
import { clearSuppressionsAction } from "@/lib/suppressions/actions";
import type { SuppressionRow } from "@/lib/suppressions/queries";
import { SUPPRESSION_REASON_TEXT, SUPPRESSION_REASONS, suppressionsSearchParams } from "@/lib/suppressions/schema";

const REASON_VARIANT = { bounced: "destructive", complained: "warning", manual: "secondary" } as const;

export function SuppressionsTable({ rows, rowCount, pageCount, reasonCounts, mayManage }: ClientPage<SuppressionRow> & { reasonCounts: Record<string, number>; mayManage: boolean }) {
  const { plural } = useFormat();
  const router = useRouter();
  const [confirm, setConfirm] = useState<{ emails: string[]; done?: () => void } | null>(null);
  const sprite = useIconSprite({ clear: MailCheckGlyph });
  const { icon } = sprite;
  const columns = useMemo(() => suppressionColumns(mayManage, (email) => setConfirm({ emails: [email] }), icon("clear")), [mayManage, icon]);
  const addresses = (n: number) => plural(n, "address", "addresses");
  return (
    <>
      {sprite.defs}
      <DataTable
        label="Suppressed addresses"
        columns={columns}
        data={rows}
        rowCount={rowCount}
        pageCount={pageCount}
        sortParser={suppressionsSearchParams.sort}
        searchPlaceholder="Search address"
        facets={[{ key: "reason", label: "Reason", options: SUPPRESSION_REASONS.map((r) => ({ value: r, label: SUPPRESSION_REASON_TEXT[r], count: reasonCounts[r] ?? 0 })) }]}
        bulkActions={
          mayManage
            ? (selected, clear) => (
                <Button size="sm" variant="outline" onClick={() => setConfirm({ emails: selected.map((r) => r.email), done: clear })}>
                  <MailCheckIcon /> Clear {selected.length}
                </Button>
              )
            : undefined
        }
        emptyState={<EmptyState icon={MailXIcon} title="No suppressed addresses" description="Addresses that bounce or mark Admit's mail as spam appear here and are never emailed again." />}
      />
      <ConfirmDialog
        open={!!confirm}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={`Clear ${addresses(confirm?.emails.length ?? 0)}?`}
        description="Admit may email them again. An address that bounced hard will likely bounce again: clear it only when it was fixed."
        confirmLabel="Clear"
        onConfirm={async () => {
          if (!confirm) return;
          const res = await callAction(clearSuppressionsAction({ emails: confirm.emails }));
          if (!res.ok) toast.error("Could not clear", { description: res.error });
          else toast.success(`${addresses(res.data.filter((o) => o.status === "cleared").length)} cleared`);
          confirm.done?.();
          router.refresh();
        }}
      />
    </>
  );
}

function suppressionColumns(mayManage: boolean, onClear: (email: string) => void, clearIcon: ReactNode): DataTableColumn<SuppressionRow>[] {
  return [
    { id: "email", header: "Address", meta: { sortKey: "email" }, cell: ({ row }) => <span className="font-medium">{row.original.email}</span> },
    { id: "reason", header: "Reason", cell: ({ row }) => <Badge variant={REASON_VARIANT[row.original.reason as keyof typeof REASON_VARIANT] ?? "outline"}>{SUPPRESSION_REASON_TEXT[row.original.reason as keyof typeof SUPPRESSION_REASON_TEXT] ?? row.original.reason}</Badge> },
    { id: "detail", header: "Detail", cell: ({ row }) => (row.original.detail ? <span className="line-clamp-2 block min-w-48 max-w-xs whitespace-normal text-muted-foreground">{row.original.detail}</span> : null) },
    {
      id: "source",
      header: "Source",
      cell: ({ row }) =>
        row.original.campaign ? (
          <Link href={`/campaigns/${row.original.campaign.id}`} className="underline-offset-4 hover:underline">
            {row.original.campaign.name}
          </Link>
        ) : (
          (row.original.addedBy ?? <span className="text-muted-foreground">Resend</span>)
        ),
    },
    { id: "createdAt", header: "Added", meta: { sortKey: "createdAt" }, cell: ({ row }) => <RelativeTime date={row.original.createdAt} /> },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) =>
        mayManage ? (
          <Button size="sm" variant="ghost" onClick={() => onClear(row.original.email)} aria-label={`Clear ${row.original.email}`}>
            {clearIcon} Clear
          </Button>
        ) : null,
    },
  ];
}
