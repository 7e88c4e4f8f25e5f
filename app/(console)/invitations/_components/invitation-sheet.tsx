"use client";
import { LoaderCircleIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { useOpenedOnce } from "@/components/deferred";
import { RelativeTime } from "@/components/relative-time";
import { InvitationStatusBadge } from "@/components/status-badge";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import { invitationTimelineAction } from "@/lib/invitations/actions";
import type { InvitationRow } from "@/lib/invitations/queries";
import { callAction } from "@/lib/call-action";

type Timeline = Extract<Awaited<ReturnType<typeof invitationTimelineAction>>, { ok: true }>["data"];

const LABELS: Record<string, string> = {
  "invitation.created": "Invited",
  "invitation.refreshed": "Invited again (renewed)",
  "invitation.sent": "Email sent",
  "invitation.send_failed": "Email failed",
  "invitation.reminded": "Reminder sent",
  "invitation.reminder_failed": "Reminder not sent",
  "invitation.resent": "Resent",
  "invitation.revoked": "Revoked",
  "invitation.accepted": "Accepted",
  "invitation.rejected": "Declined",
};

export function InvitationSheet({ invitation, onOpenChange }: { invitation: InvitationRow | null; onOpenChange: (open: boolean) => void }) {
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!invitation) return;
    let live = true;
    setTimeline(null);
    setError(null);
    void callAction(invitationTimelineAction({ id: invitation.id })).then((res) => {
      if (!live) return;
      if (res.ok) setTimeline(res.data);
      else setError(res.error);
    });
    return () => {
      live = false;
    };
  }, [invitation]);

  if (!useOpenedOnce(!!invitation)) return null;
  return (
    <Sheet open={!!invitation} onOpenChange={onOpenChange}>
      {/* Focus the sheet itself on open: its first control is a time whose tooltip would pop up unasked. */}
      <SheetContent
        onOpenAutoFocus={(e) => {
          e.preventDefault();
          (e.currentTarget as HTMLElement | null)?.focus();
        }}
      >
        {invitation && (
          <>
            <SheetHeader>
              <SheetTitle className="pr-6 break-all">{invitation.email}</SheetTitle>
              <SheetDescription>
                {invitation.role} of {invitation.organization}
                {invitation.team ? ` · ${invitation.team}` : ""}
              </SheetDescription>
              <div className="flex items-center gap-2 pt-2 text-sm">
                <InvitationStatusBadge status={invitation.status} />
                {(invitation.status === "pending" || invitation.status === "expired") && (
                  <span className="text-muted-foreground">
                    <RelativeTime date={invitation.expiresAt} prefix={{ past: "expired ", future: "expires " }} />
                  </span>
                )}
              </div>
            </SheetHeader>
            <section aria-labelledby="timeline-heading" className="px-4 pb-6">
              <h3 id="timeline-heading" className="mb-3 text-sm font-medium">
                History
              </h3>
              {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
              {!timeline && !error && (
                <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
                  <LoaderCircleIcon className="size-4 animate-spin" /> Loading history…
                </p>
              )}
              {timeline && timeline.length === 0 && <p className="text-sm text-muted-foreground">No recorded events (created before Admit kept history).</p>}
              {timeline && timeline.length > 0 && (
                <ol className="relative ml-2 border-l" aria-label="Invitation history">
                  {timeline.map((e) => (
                    <li key={e.id} className="mb-4 ml-4">
                      <span className="absolute -left-1.5 mt-1.5 size-3 rounded-full border bg-background" aria-hidden />
                      <p className="text-sm font-medium">{LABELS[e.action] ?? e.action}</p>
                      <ExtrasNote metadata={e.metadata} />
                      <p className="text-xs text-muted-foreground">
                        <RelativeTime date={e.createdAt} /> · {e.actorEmail ?? "system"}
                        {e.impersonatorId ? " (impersonated)" : ""}
                      </p>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </>
        )}
      </SheetContent>
    </Sheet>
  );
}

/** An invitation's destination and membership metadata, where its event recorded them (lib/invitations/extras.ts). */
function ExtrasNote({ metadata }: { metadata: unknown }) {
  const m = (metadata ?? {}) as { redirectTo?: unknown; membershipMetadata?: unknown };
  if (typeof m.redirectTo !== "string" && !m.membershipMetadata) return null;
  return (
    <p className="text-xs break-all text-muted-foreground">
      {typeof m.redirectTo === "string" && <>then to {m.redirectTo}</>}
      {typeof m.redirectTo === "string" && !!m.membershipMetadata && " · "}
      {!!m.membershipMetadata && <>membership metadata {JSON.stringify(m.membershipMetadata).slice(0, 200)}</>}
    </p>
  );
}
