"use client";
import { BanIcon, LinkIcon, UndoIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { IssueLinksDialog } from "@/components/issue-links-dialog";
import { useFormat } from "@/components/locale-provider";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { callAction } from "@/lib/call-action";
import { setBannedAction } from "@/lib/users/actions";
import type { UserRow } from "@/lib/users/queries";
import { BanFields } from "./ban-fields";

/** The users table's bulk actions: ban (reason, length) or unban the selected people, or issue them sign-in links. */
export function UsersBulkActions({ selected, clear, mayBan, mayIssueLinks }: { selected: UserRow[]; clear: () => void; mayBan: boolean; mayIssueLinks: boolean }) {
  const { plural } = useFormat();
  const router = useRouter();
  const [open, setOpen] = useState<"ban" | "unban" | null>(null);
  const [reason, setReason] = useState("");
  const [days, setDays] = useState("0");
  const bannable = selected.filter((u) => !u.banned);
  const unbannable = selected.filter((u) => u.banned);
  const apply = async (banned: boolean) => {
    const people = banned ? bannable : unbannable;
    const res = await callAction(setBannedAction({ userIds: people.map((u) => u.id), banned, reason: banned ? reason : undefined, days: Number(days) || null }));
    if (!res.ok) {
      toast.error("Not done", { description: res.error });
      return;
    }
    const done = res.data.filter((o) => o.status === "done").length;
    const skipped = res.data.filter((o) => o.status === "skipped");
    toast.success(`${plural(done, "person", "people")} ${banned ? "banned" : "unbanned"}`, {
      description: skipped.length ? skipped.map((o) => `${o.email ?? o.userId}: ${o.reason}`).join("\n") : undefined,
    });
    setOpen(null);
    clear();
    router.refresh();
  };
  return (
    <>
      {mayBan && (
        <>
          <Button size="sm" variant="destructive" disabled={!bannable.length} onClick={() => setOpen("ban")}>
            <BanIcon /> Ban {bannable.length}
          </Button>
          <Button size="sm" variant="outline" disabled={!unbannable.length} onClick={() => setOpen("unban")}>
            <UndoIcon /> Unban {unbannable.length}
          </Button>
        </>
      )}
      {mayIssueLinks && (
        <IssueLinksDialog
          defaultEmails={bannable.map((u) => u.email).join(", ")}
          purpose="sign-in"
          allowImpersonation={false}
          trigger={
            <Button size="sm" variant="outline" disabled={!bannable.length}>
              <LinkIcon /> Sign-in links
            </Button>
          }
        />
      )}
      <Dialog open={open === "ban"} onOpenChange={(o) => !o && setOpen(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Ban {plural(bannable.length, "person", "people")}?</DialogTitle>
            <DialogDescription>Every session of theirs ends now. Staff you may not change, and your own account, are skipped with the reason.</DialogDescription>
          </DialogHeader>
          <BanFields reason={reason} setReason={setReason} days={days} setDays={setDays} />
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(null)}>
              Cancel
            </Button>
            <Button variant="destructive" onClick={() => apply(true)}>
              Ban {bannable.length}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      <ConfirmDialog
        open={open === "unban"}
        onOpenChange={(o) => !o && setOpen(null)}
        title={`Unban ${plural(unbannable.length, "person", "people")}?`}
        description="They can sign in again at once."
        confirmLabel={`Unban ${unbannable.length}`}
        onConfirm={() => apply(false)}
      />
    </>
  );
}
