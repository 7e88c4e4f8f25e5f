"use client";
import { UsersIcon } from "lucide-react";
import { Trash2 as Trash2Glyph } from "lucide";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DeferredSelect } from "@/components/deferred-select";
import { useIconSprite } from "@/components/icon-sprite";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { changeMemberRoleAction, removeMemberAction } from "@/lib/memberships/actions";
import { callAction } from "@/lib/call-action";

export interface MemberRow {
  id: string;
  role: string;
  createdAt: string;
  user: { id: string; name: string; email: string };
}

type Role = "owner" | "admin" | "member";
const ROLES = (["owner", "admin", "member"] as const).map((r) => ({ value: r, label: r }));

export function MembersTable({ members, mayUpdate, mayDelete }: { members: MemberRow[]; mayUpdate: boolean; mayDelete: boolean }) {
  const router = useRouter();
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const sprite = useIconSprite({ remove: Trash2Glyph });
  if (members.length === 0) return <EmptyState icon={UsersIcon} title="No members yet" description="Add people or invite them." />;

  const changeRole = async (m: MemberRow, role: Role) => {
    const res = await callAction(changeMemberRoleAction({ memberId: m.id, role }));
    if (!res.ok) toast.error("Could not change the role", { description: res.error });
    else toast.success(`${m.user.email} is now ${role === "admin" ? "an" : "a"} ${role}`);
    router.refresh();
  };

  return (
    <>
      {sprite.defs}
      <Table aria-label="Members">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Email</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Joined</TableHead>
            {mayDelete && <TableHead className="w-10"><span className="sr-only">Actions</span></TableHead>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {members.map((m) => (
            <TableRow key={m.id}>
              <TableCell className="font-medium">{m.user.name || "—"}</TableCell>
              <TableCell>{m.user.email}</TableCell>
              <TableCell>
                {mayUpdate ? (
                  <DeferredSelect
                    className="w-28"
                    aria-label={`Role of ${m.user.email}`}
                    value={m.role.split(",")[0] as Role}
                    options={ROLES}
                    onValueChange={(v) => void changeRole(m, v)}
                  />
                ) : (
                  <Badge variant={m.role.includes("owner") ? "default" : "secondary"}>{m.role}</Badge>
                )}
              </TableCell>
              <TableCell>
                <RelativeTime date={m.createdAt} />
              </TableCell>
              {mayDelete && (
                <TableCell>
                  <Button size="icon-sm" variant="ghost" aria-label={`Remove ${m.user.email}`} onClick={() => setRemoving(m)}>
                    {sprite.icon("remove")}
                  </Button>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ConfirmDialog
        open={!!removing}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={`Remove ${removing?.user.email}?`}
        description="They lose access to this organization and its teams at once. Their account stays."
        confirmLabel="Remove"
        destructive
        onConfirm={async () => {
          if (!removing) return;
          const res = await callAction(removeMemberAction({ memberId: removing.id }));
          if (!res.ok) toast.error("Could not remove", { description: res.error });
          else toast.success(`${removing.user.email} removed`);
          router.refresh();
        }}
      />
    </>
  );
}
