"use client";
import { BanIcon, KeyRoundIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { revokeApiKeysAction } from "@/lib/api-keys/actions";
import type { ApiKeyRow } from "@/lib/api-keys/queries";
import { SCOPE_TEXT, type ApiKeyStatus } from "@/lib/api-keys/schema";
import { callAction } from "@/lib/call-action";

const STATUS_VARIANT: Record<ApiKeyStatus, "success" | "muted" | "outline"> = { active: "success", expired: "muted", revoked: "outline" };

/** Every key the viewer may see (their own; an admin's view shows everyone's, with owners), revocable while active. */
export function ApiKeysTable({ keys, showOwner }: { keys: ApiKeyRow[]; showOwner: boolean }) {
  const router = useRouter();
  const [confirm, setConfirm] = useState<ApiKeyRow | null>(null);
  if (!keys.length) {
    return (
      <div className="rounded-lg border">
        <EmptyState icon={KeyRoundIcon} title="No API keys" description="Create a key to let your backend invite people, add members and read status over HTTP." />
      </div>
    );
  }
  return (
    <>
      <div className="rounded-lg border">
        <Table aria-label="API keys">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              {showOwner && <TableHead>Owner</TableHead>}
              <TableHead>Scopes</TableHead>
              <TableHead>Organization</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((k) => (
              <TableRow key={k.id}>
                <TableCell>
                  <span className="flex flex-col">
                    <span className="font-medium">{k.name}</span>
                    <span className="font-mono text-xs text-muted-foreground">{k.start}…</span>
                  </span>
                </TableCell>
                {showOwner && <TableCell>{k.ownerEmail}</TableCell>}
                <TableCell className="max-w-72 whitespace-normal text-xs text-muted-foreground">{k.scopes.map((s) => SCOPE_TEXT[s]).join(", ")}</TableCell>
                <TableCell>{k.organization ?? (k.organizationId ? "deleted organization" : "Any")}</TableCell>
                <TableCell>
                  <Badge variant={STATUS_VARIANT[k.status]}>{k.status}</Badge>
                </TableCell>
                <TableCell>{k.lastUsedAt ? <RelativeTime date={k.lastUsedAt} /> : null}</TableCell>
                <TableCell>{k.expiresAt ? <RelativeTime date={k.expiresAt} prefix={{ past: "expired " }} /> : null}</TableCell>
                <TableCell className="text-right">
                  {k.status === "active" && (
                    <Button size="sm" variant="ghost" onClick={() => setConfirm(k)} aria-label={`Revoke key ${k.name}`}>
                      <BanIcon /> Revoke
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <ConfirmDialog
        open={!!confirm}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={`Revoke “${confirm?.name ?? ""}”?`}
        description="Requests with this key are refused at once. This cannot be undone; create a new key instead."
        confirmLabel="Revoke key"
        destructive
        onConfirm={async () => {
          if (!confirm) return;
          const res = await callAction(revokeApiKeysAction({ ids: [confirm.id] }));
          if (!res.ok) toast.error("Could not revoke", { description: res.error });
          else if (res.data[0]?.status === "revoked") toast.success(`Key “${confirm.name}” revoked`);
          else toast.error("Not revoked", { description: res.data[0]?.reason });
          setConfirm(null);
          router.refresh();
        }}
      />
    </>
  );
}
