"use client";
import { useEffect, useState, type ReactElement } from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide";
import { CheckCircle2Icon, CircleSlashIcon, RefreshCwIcon } from "lucide-react";
import { useForm, type UseFormReturn } from "react-hook-form";
import { toast } from "sonner";
import { FormSelect, OrganizationSelect, ROLE_OPTIONS, TeamSelect } from "@/components/form-select";
import { Deferred } from "@/components/deferred";
import { useResultDialog } from "@/components/use-result-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormDialogFooter } from "@/components/form-dialog-footer";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { invitableOrganizationsAction, inviteAction } from "@/lib/invitations/actions";
import type { InvitableOrganization } from "@/lib/invitations/queries";
import { DAY, EXPIRY_CHOICES, inviteFormSchema, splitEmails, type InviteFormValues } from "@/lib/invitations/schema";
import { callAction } from "@/lib/call-action";
import { EmailsField } from "@/components/emails-field";
import { useFormat } from "@/components/locale-provider";
import { Glyph } from "@/components/ui/glyph";

type Summary = Extract<Awaited<ReturnType<typeof inviteAction>>, { ok: true }>["data"];

/** "Invite people": `mayInvite` when the actor may invite into some organization (lib/permissions.ts#can). */
export function InviteDialog({ mayInvite }: { mayInvite: boolean }) {
  const trigger = (
    <Button disabled={!mayInvite}>
      <Glyph icon={UserPlus} />
      Invite people
    </Button>
  );
  // The form, and the organizations it offers, are loaded on first use of its trigger (components/deferred.tsx).
  return <Deferred popup="dialog" trigger={trigger}>{(trigger) => <InviteForm trigger={trigger} />}</Deferred>;
}

function InviteForm({ trigger }: { trigger: ReactElement }) {
  const { plural } = useFormat();
  const form = useForm<InviteFormValues>({
    resolver: zodResolver(inviteFormSchema),
    defaultValues: { emails: "", organizationId: "", role: "member", teamId: undefined, expiresIn: 7 * DAY },
  });
  const { organizations, loadError } = useInvitableOrganizations(form);
  const dialog = useResultDialog<Summary>(() => form.reset({ ...form.getValues(), emails: "" }));
  const summary = dialog.result;
  const orgId = form.watch("organizationId");
  const teams = organizations?.find((o) => o.id === orgId)?.teams ?? [];
  const count = splitEmails(form.watch("emails")).length;

  const submit = form.handleSubmit(async (values) => {
    const res = await callAction(inviteAction(values));
    if (!res.ok) {
      toast.error("Could not send invitations", { description: res.error });
      return;
    }
    dialog.setResult(res.data);
    const { created, refreshed, skipped } = res.data.counts;
    toast.success(`${plural(created + refreshed, "invitation")} sent`, {
      description: [created && `${created} new`, refreshed && `${refreshed} renewed`, skipped && `${skipped} skipped`].filter(Boolean).join(", "),
    });
  });

  // "Invite more": back to the form, keeping organization, role and expiry.
  const inviteMore = () => {
    dialog.setResult(null);
    form.reset({ ...form.getValues(), emails: "" });
  };
  const { errors, isSubmitting } = form.formState;

  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{summary ? "Invitations sent" : "Invite people"}</DialogTitle>
          <DialogDescription>
            {summary ? "What happened to each address." : "They get an email with a link to join. Existing invitations are renewed, not duplicated."}
          </DialogDescription>
        </DialogHeader>
        {summary ? (
          <InviteSummary summary={summary} onMore={inviteMore} onClose={dialog.close} />
        ) : (
          <form onSubmit={submit} noValidate>
            <FieldGroup>
              <EmailsField id="invite-emails" rows={4} registration={form.register("emails")} error={errors.emails} value={form.watch("emails")} />
              <OrganizationSelect control={form.control} name="organizationId" id="invite-org" organizations={organizations} onChanged={() => form.setValue("teamId", undefined)} />
              <OrganizationsNotice organizations={organizations} loadError={loadError} />
              <div className="grid gap-5 sm:grid-cols-3">
                <FormSelect control={form.control} name="role" id="invite-role" label="Role" options={ROLE_OPTIONS} />
                <TeamSelect control={form.control} name="teamId" id="invite-team" teams={teams} />
                <FormSelect control={form.control} name="expiresIn" id="invite-expiry" label="Expires after" options={EXPIRY_CHOICES} numeric />
              </div>
              <AfterAccepting form={form} />
            </FieldGroup>
            <FormDialogFooter onCancel={dialog.close} submitting={isSubmitting} disabled={!organizations?.length}>
              Send {count > 1 ? `${count} invitations` : "invitation"}
            </FormDialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** The organizations the form offers, read when it mounts (the page does not send them); a single one is chosen. */
function useInvitableOrganizations(form: UseFormReturn<InviteFormValues>) {
  const [organizations, setOrganizations] = useState<InvitableOrganization[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void callAction(invitableOrganizationsAction()).then((res) => {
      if (!live) return;
      if (!res.ok) return setLoadError(res.error);
      setOrganizations(res.data);
      if (res.data.length === 1 && !form.getValues("organizationId")) form.setValue("organizationId", res.data[0].id);
    });
    return () => {
      live = false;
    };
  }, [form]);
  return { organizations, loadError };
}

function OrganizationsNotice({ organizations, loadError }: { organizations: InvitableOrganization[] | null; loadError: string | null }) {
  if (loadError)
    return (
      <p role="alert" className="text-sm text-destructive">
        Could not load the organizations: {loadError}
      </p>
    );
  if (organizations?.length === 0)
    return (
      <p role="status" className="text-sm text-muted-foreground">
        There is no organization you may invite into.
      </p>
    );
  return null;
}

function InviteSummary({ summary, onMore, onClose }: { summary: Summary; onMore: () => void; onClose: () => void }) {
  const { created, refreshed, skipped } = summary.counts;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap gap-2" role="status">
        <Badge variant="success">{created} created</Badge>
        <Badge variant="secondary">{refreshed} renewed</Badge>
        <Badge variant={skipped ? "destructive" : "muted"}>{skipped} skipped</Badge>
      </div>
      <ul aria-label="Outcome per address" className="max-h-72 divide-y overflow-y-auto rounded-md border text-sm">
        {summary.outcomes.map((o, i) => (
          <li key={`${o.email}-${i}`} className="flex items-center gap-2 px-3 py-2">
            {o.status === "created" ? (
              <CheckCircle2Icon className="size-4 text-success" aria-hidden />
            ) : o.status === "refreshed" ? (
              <RefreshCwIcon className="size-4 text-muted-foreground" aria-hidden />
            ) : (
              <CircleSlashIcon className="size-4 text-destructive" aria-hidden />
            )}
            <span className="flex-1 truncate font-medium">{o.email}</span>
            <span className="text-muted-foreground">
              {o.status === "skipped" ? `Skipped: ${o.reason}` : o.status === "refreshed" ? "Renewed and resent" : "Invited"}
              {o.status !== "skipped" && o.sent === false && (o.suppressed ? " (not emailed: the address is on the suppression list)" : " (email failed)")}
            </span>
          </li>
        ))}
      </ul>
      <DialogFooter>
        <Button variant="outline" onClick={onMore}>
          Invite more
        </Button>
        <Button onClick={onClose}>Done</Button>
      </DialogFooter>
    </div>
  );
}

/** Optional: where people land once they accept, and metadata for their membership (lib/invitations/extras.ts). */
function AfterAccepting({ form }: { form: UseFormReturn<InviteFormValues> }) {
  const { errors } = form.formState;
  return (
    <details className="group rounded-md border px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium">After accepting</summary>
      <FieldGroup className="mt-3">
        <Field data-invalid={!!errors.redirectTo}>
          <FieldLabel htmlFor="invite-redirect">Send them to (a path)</FieldLabel>
          <Input id="invite-redirect" placeholder="/welcome" aria-invalid={!!errors.redirectTo} {...form.register("redirectTo")} />
          <FieldError errors={[errors.redirectTo]} />
        </Field>
        <Field data-invalid={!!errors.metadata}>
          <FieldLabel htmlFor="invite-metadata">Membership metadata (JSON)</FieldLabel>
          <Textarea id="invite-metadata" rows={2} placeholder='{"plan": "pro"}' aria-invalid={!!errors.metadata} aria-describedby="invite-metadata-help" {...form.register("metadata")} />
          <FieldDescription id="invite-metadata-help">Kept with their membership when they accept; at most 4 KB.</FieldDescription>
          <FieldError errors={[errors.metadata]} />
        </Field>
      </FieldGroup>
    </details>
  );
}
