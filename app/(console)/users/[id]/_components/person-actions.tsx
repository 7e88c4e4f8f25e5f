"use client";
import { BanIcon, LogOutIcon, ShieldIcon, UndoIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FieldLabel } from "@/components/ui/field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { callAction } from "@/lib/call-action";
import type { ActionResult } from "@/lib/safe-action";
import { banUserAction, revokeUserSessionsAction, setPlatformRoleAction, unbanUserAction } from "@/lib/users/actions";
import { BanFields } from "../../_components/ban-fields";

const ROLES = [
  { value: "user", label: "User" },
  { value: "support", label: "Support" },
  { value: "admin", label: "Admin" },
];

type Open = "ban" | "unban" | "role" | "sign-out" | null;

/** Ban (reason, how long), unban, platform role, sign out everywhere: each confirmed, each refused with its reason. */
export function PersonActions(props: { userId: string; email: string; role: string; banned: boolean; sessions: number; mayBan: boolean; maySetRole: boolean; maySignOut: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState<Open>(null);
  const [reason, setReason] = useState("");
  const [days, setDays] = useState("0");
  const [role, setRole] = useState(props.role);
  const run = async <T,>(pending: Promise<ActionResult<T>>, done: string) => {
    const res = await callAction(pending);
    if (!res.ok) {
      // The dialog stays open with what was typed; the toast says why.
      toast.error("Not done", { description: res.error });
      return;
    }
    toast.success(done);
    setOpen(null);
    router.refresh();
  };
  return (
    <div className="flex flex-wrap gap-2">
      {props.mayBan &&
        (props.banned ? (
          <Button variant="outline" onClick={() => setOpen("unban")}>
            <UndoIcon /> Unban
          </Button>
        ) : (
          <Button variant="destructive" onClick={() => setOpen("ban")}>
            <BanIcon /> Ban
          </Button>
        ))}
      {props.maySetRole && (
        <Button variant="outline" onClick={() => setOpen("role")}>
          <ShieldIcon /> Change role
        </Button>
      )}
      {props.maySignOut && props.sessions > 0 && (
        <Button variant="outline" onClick={() => setOpen("sign-out")}>
          <LogOutIcon /> Sign out everywhere
        </Button>
      )}
      <Dialog open={open === "ban" || open === "role"} onOpenChange={(o) => !o && setOpen(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>{open === "ban" ? `Ban ${props.email}?` : `Change ${props.email}'s platform role`}</DialogTitle>
            <DialogDescription>{open === "ban" ? "Every session ends now and they cannot sign in until the ban ends or is lifted. The reason is audited." : "Admins can do everything; support invites, adds people and issues links for non-staff."}</DialogDescription>
          </DialogHeader>
          {open === "ban" ? (
            <BanFields reason={reason} setReason={setReason} days={days} setDays={setDays} />
          ) : (
            <RoleField role={role} setRole={setRole} />
          )}
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(null)}>
              Cancel
            </Button>
            {open === "ban" ? (
              <Button variant="destructive" onClick={() => run(banUserAction({ userId: props.userId, reason, days: Number(days) || null }), "Banned")}>
                Ban
              </Button>
            ) : (
              <Button onClick={() => run(setPlatformRoleAction({ userId: props.userId, role }), "Role changed")}>Save role</Button>
            )}
          </DialogFooter>
        </DialogContent>
      </Dialog>
      <ConfirmDialog
        open={open === "unban" || open === "sign-out"}
        onOpenChange={(o) => !o && setOpen(null)}
        title={open === "unban" ? `Unban ${props.email}?` : `Sign ${props.email} out everywhere?`}
        description={open === "unban" ? "They can sign in again at once." : `Their ${props.sessions} open session(s) end now; they can sign in again.`}
        confirmLabel={open === "unban" ? "Unban" : "Sign out everywhere"}
        destructive={open === "sign-out"}
        onConfirm={() => (open === "unban" ? run(unbanUserAction({ userId: props.userId }), "Unbanned") : run(revokeUserSessionsAction({ userId: props.userId }), "Signed out everywhere"))}
      />
    </div>
  );
}

function RoleField({ role, setRole }: { role: string; setRole: (v: string) => void }) {
  return (
    <Field>
      <FieldLabel htmlFor="person-role">Platform role</FieldLabel>
      <Select value={role} onValueChange={setRole}>
        <SelectTrigger id="person-role" className="w-full">
          <SelectValue>{ROLES.find((r) => r.value === role)?.label}</SelectValue>
        </SelectTrigger>
        <SelectContent>
          {ROLES.map((r) => (
            <SelectItem key={r.value} value={r.value}>
              {r.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </Field>
  );
}
