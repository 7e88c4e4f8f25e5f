"use client";
import { DownloadIcon, PauseIcon, PlayIcon, RotateCcwIcon, XIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { controlCampaignAction } from "@/lib/campaigns/actions";
import { useFormat } from "@/components/locale-provider";
import { callAction } from "@/lib/call-action";

export function CampaignControls({ id, status, failed, mayManage, pausedForBounces }: { id: string; status: string; failed: number; mayManage: boolean; pausedForBounces: boolean }) {
  const { plural } = useFormat();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [confirmResume, setConfirmResume] = useState(false);
  const run = (command: "pause" | "resume" | "cancel" | "retry-failed") =>
    new Promise<void>((resolve) =>
      start(async () => {
        const res = await callAction(controlCampaignAction({ id, command }));
        if (!res.ok) toast.error("Could not update the campaign", { description: res.error });
        else toast.success(command === "retry-failed" ? `Retrying ${plural(res.data.changed, "recipient")}` : `Campaign ${command === "pause" ? "paused" : command === "resume" ? "resumed" : "canceled"}`);
        router.refresh();
        resolve();
      }),
    );
  const active = status === "queued" || status === "sending";
  return (
    <div className="flex flex-wrap gap-2">
      {mayManage && active && (
        <Button variant="outline" onClick={() => run("pause")} disabled={pending}>
          <PauseIcon /> Pause
        </Button>
      )}
      {mayManage && status === "paused" && (
        <Button variant="outline" onClick={() => (pausedForBounces ? setConfirmResume(true) : run("resume"))} disabled={pending}>
          <PlayIcon /> Resume
        </Button>
      )}
      {mayManage && failed > 0 && (status === "completed" || status === "paused") && (
        <Button variant="outline" onClick={() => run("retry-failed")} disabled={pending}>
          <RotateCcwIcon /> Retry {failed} failed
        </Button>
      )}
      <Button variant="outline" asChild>
        <a href={`/campaigns/${id}/export`} download>
          <DownloadIcon /> Export CSV
        </a>
      </Button>
      {mayManage && (active || status === "paused") && (
        <Button variant="destructive" onClick={() => setConfirmCancel(true)} disabled={pending}>
          <XIcon /> Cancel
        </Button>
      )}
      <ConfirmDialog
        open={confirmResume}
        onOpenChange={setConfirmResume}
        title="Resume despite the bounces?"
        description="The campaign paused itself because too many messages bounced or were marked as spam. Addresses that bounced are suppressed and skipped; the rest are sent. It will not pause for its bounce rate again."
        confirmLabel="Resume sending"
        onConfirm={() => run("resume")}
      />
      <ConfirmDialog
        open={confirmCancel}
        onOpenChange={setConfirmCancel}
        title="Cancel this campaign?"
        description="Nobody else is emailed. People already sent a link keep it. This cannot be undone."
        confirmLabel="Cancel campaign"
        destructive
        onConfirm={() => run("cancel")}
      />
    </div>
  );
}
