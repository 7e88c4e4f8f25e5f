"use client";
import { MoreHorizontalIcon, WebhookIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { SecretOnce } from "@/components/secret-once";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Deferred } from "@/components/deferred";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { callAction } from "@/lib/call-action";
import { deleteWebhookEndpointAction, rotateWebhookSecretAction, updateWebhookEndpointAction } from "@/lib/webhooks/actions";
import type { WebhookEndpointRow } from "@/lib/webhooks/queries";
import { EditEndpointDialog } from "./endpoint-dialog";

type Pending = { kind: "delete" | "rotate" | "disable"; endpoint: WebhookEndpointRow } | null;

const CONFIRM = {
  delete: { title: "Delete this endpoint?", description: "Its delivery log goes with it. Events not yet delivered are dropped.", label: "Delete endpoint" },
  rotate: { title: "Rotate the signing secret?", description: "Deliveries are signed with the new secret at once: update your server right after.", label: "Rotate secret" },
  disable: { title: "Disable this endpoint?", description: "Events keep being recorded for it and are delivered when you enable it again.", label: "Disable" },
} as const;

/** The endpoints with their state, the last day's deliveries, and what an admin can do to each. */
export function EndpointsTable({ endpoints, choices }: { endpoints: WebhookEndpointRow[]; choices: Parameters<typeof EditEndpointDialog>[0]["choices"] }) {
  const router = useRouter();
  const [pending, setPending] = useState<Pending>(null);
  const [editing, setEditing] = useState<WebhookEndpointRow | null>(null);
  if (!endpoints.length) {
    return (
      <div className="rounded-lg border">
        <EmptyState icon={WebhookIcon} title="No webhook endpoints" description="Add one to let your application react when Admit invites, adds or signs people in." />
      </div>
    );
  }
  const enable = async (endpoint: WebhookEndpointRow) => {
    const res = await callAction(updateWebhookEndpointAction({ id: endpoint.id, changes: { enabled: true } }));
    if (res.ok) toast.success("Endpoint enabled");
    else toast.error("Could not enable", { description: res.error });
    router.refresh();
  };
  return (
    <>
      {endpoints.filter((e) => !e.enabled && e.disabledReason).map((e) => (
        <div key={e.id} role="alert" className="rounded-lg border border-destructive/40 bg-destructive/5 p-3 text-sm">
          <span className="font-medium">{e.url}</span> is disabled: {e.disabledReason}
        </div>
      ))}
      <div className="rounded-lg border">
        <Table aria-label="Webhook endpoints">
          <TableHeader>
            <TableRow>
              <TableHead>Endpoint</TableHead>
              <TableHead>Events</TableHead>
              <TableHead>Organization</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Last 24 h</TableHead>
              <TableHead>Last success</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {endpoints.map((e) => (
              <EndpointRow key={e.id} endpoint={e} onEnable={() => enable(e)} onEdit={() => setEditing(e)} onAsk={(kind) => setPending({ kind, endpoint: e })} />
            ))}
          </TableBody>
        </Table>
      </div>
      <EndpointChanges pending={pending} onClose={() => setPending(null)} />
      <EditEndpointDialog choices={choices} endpoint={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function EndpointRow({ endpoint: e, onEnable, onEdit, onAsk }: { endpoint: WebhookEndpointRow; onEnable: () => void; onEdit: () => void; onAsk: (kind: "delete" | "rotate" | "disable") => void }) {
  return (
    <TableRow>
      <TableCell>
        <Link href={`/webhooks/${e.id}`} className="row-link">
          {e.url}
        </Link>
        {e.description && <span className="block text-xs text-muted-foreground">{e.description}</span>}
      </TableCell>
      <TableCell className="max-w-64 whitespace-normal text-xs">{e.events.length ? e.events.join(", ") : "All events"}</TableCell>
      <TableCell>{e.organization ?? (e.organizationId ? "deleted organization" : "All")}</TableCell>
      <TableCell>
        <Badge variant={e.enabled ? "success" : "destructive"}>{e.enabled ? "enabled" : "disabled"}</Badge>
      </TableCell>
      <TableCell className="text-xs">
        {e.succeeded} delivered · {e.failed} failed · {e.pending} waiting
      </TableCell>
      <TableCell>{e.lastSuccessAt ? <RelativeTime date={e.lastSuccessAt} /> : null}</TableCell>
      <TableCell className="text-right">
        <Deferred
          popup="menu"
          opensOn="press"
          trigger={
            <Button variant="ghost" size="icon" aria-label={`Actions for ${e.url}`}>
              <MoreHorizontalIcon />
            </Button>
          }
        >
          {(trigger) => (
            <DropdownMenu>
              <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                <DropdownMenuItem asChild>
                  <Link href={`/webhooks/${e.id}`}>Delivery log</Link>
                </DropdownMenuItem>
                <DropdownMenuItem onSelect={onEdit}>Edit</DropdownMenuItem>
                {e.enabled ? (
                  <DropdownMenuItem onSelect={() => onAsk("disable")}>Disable</DropdownMenuItem>
                ) : (
                  <DropdownMenuItem onSelect={onEnable}>Enable</DropdownMenuItem>
                )}
                <DropdownMenuItem onSelect={() => onAsk("rotate")}>Rotate secret</DropdownMenuItem>
                <DropdownMenuSeparator />
                <DropdownMenuItem variant="destructive" onSelect={() => onAsk("delete")}>
                  Delete
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          )}
        </Deferred>
      </TableCell>
    </TableRow>
  );
}

/** The confirmation for a change to an endpoint, and a rotated secret shown once. */
function EndpointChanges({ pending, onClose }: { pending: Pending; onClose: () => void }) {
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <>
      <ConfirmDialog
        open={!!pending}
        onOpenChange={(o) => !o && onClose()}
        title={pending ? CONFIRM[pending.kind].title : ""}
        description={pending ? CONFIRM[pending.kind].description : ""}
        confirmLabel={pending ? CONFIRM[pending.kind].label : ""}
        destructive={pending?.kind !== "rotate"}
        onConfirm={async () => {
          if (!pending) return;
          const id = pending.endpoint.id;
          if (pending.kind === "rotate") {
            const res = await callAction(rotateWebhookSecretAction({ id }));
            if (res.ok) setSecret(res.data.secret);
            else toast.error("Could not rotate", { description: res.error });
          } else {
            const res = await callAction<unknown>(pending.kind === "delete" ? deleteWebhookEndpointAction({ id }) : updateWebhookEndpointAction({ id, changes: { enabled: false } }));
            if (res.ok) toast.success(pending.kind === "delete" ? "Endpoint deleted" : "Endpoint disabled");
            else toast.error("Could not change the endpoint", { description: res.error });
          }
          onClose();
          router.refresh();
        }}
      />
      <Dialog open={!!secret} onOpenChange={(o) => !o && setSecret(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Copy the new signing secret</DialogTitle>
            <DialogDescription>Deliveries are signed with it from now on. It is shown only now.</DialogDescription>
          </DialogHeader>
          {secret && <SecretOnce value={secret} label="Signing secret" hint="Update your server's secret now; old signatures no longer verify." onDone={() => setSecret(null)} />}
        </DialogContent>
      </Dialog>
    </>
  );
}
