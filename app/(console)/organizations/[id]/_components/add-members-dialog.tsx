"use client";
import type { ReactElement } from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import { FormSelect, ROLE_OPTIONS, TeamSelect } from "@/components/form-select";
import { Deferred } from "@/components/deferred";
import { useResultDialog } from "@/components/use-result-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormDialogFooter } from "@/components/form-dialog-footer";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FieldGroup } from "@/components/ui/field";
import { addMembersAction } from "@/lib/memberships/actions";
import { addMembersFormSchema, type AddMembersFormValues } from "@/lib/memberships/schema";
import { useFormat } from "@/components/locale-provider";
import { callAction } from "@/lib/call-action";
import { EmailsField } from "@/components/emails-field";

type Outcomes = Extract<Awaited<ReturnType<typeof addMembersAction>>, { ok: true }>["data"];

type AddMembersProps = { organizationId: string; teams: { id: string; name: string }[] };

export function AddMembersDialog(props: AddMembersProps) {
  const trigger = (
    <Button size="sm">
      <UserPlusIcon /> Add people
    </Button>
  );
  // The form is mounted on first use of its trigger (components/deferred.tsx).
  return <Deferred popup="dialog" trigger={trigger}>{(trigger) => <AddMembersForm {...props} trigger={trigger} />}</Deferred>;
}

function AddMembersForm({ organizationId, teams, trigger }: AddMembersProps & { trigger: ReactElement }) {
  const { plural } = useFormat();
  const router = useRouter();
  const defaults: AddMembersFormValues = { emails: "", organizationId, role: "member", teamId: undefined, sendWelcome: true };
  const form = useForm<AddMembersFormValues>({ resolver: zodResolver(addMembersFormSchema), defaultValues: defaults });
  const dialog = useResultDialog<Outcomes>(() => form.reset(defaults));
  const outcomes = dialog.result;
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    const res = await callAction(addMembersAction(values));
    if (!res.ok) {
      toast.error("Could not add members", { description: res.error });
      return;
    }
    dialog.setResult(res.data);
    const added = res.data.filter((o) => o.status === "added").length;
    toast.success(`${plural(added, "member")} added`);
    router.refresh();
  });

  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{outcomes ? "People added" : "Add people"}</DialogTitle>
          <DialogDescription>
            {outcomes ? "What happened to each address." : "They become members at once, without an invitation. New people get an account with no password."}
          </DialogDescription>
        </DialogHeader>
        {outcomes ? (
          <AddedSummary outcomes={outcomes} onClose={dialog.close} />
        ) : (
          <form onSubmit={submit} noValidate>
            <FieldGroup>
              <EmailsField id="add-emails" registration={form.register("emails")} error={errors.emails} value={form.watch("emails")} />
              <div className="grid gap-5 sm:grid-cols-2">
                <FormSelect control={form.control} name="role" id="add-role" label="Role" options={ROLE_OPTIONS} />
                <TeamSelect control={form.control} name="teamId" id="add-team" teams={teams} />
              </div>
              <Controller
                control={form.control}
                name="sendWelcome"
                render={({ field }) => (
                  <label className="flex items-start gap-3 text-sm">
                    <Checkbox checked={field.value} onCheckedChange={(v) => field.onChange(!!v)} className="mt-0.5" />
                    <span>
                      Email new people a welcome sign-in link
                      <span className="block text-muted-foreground">A one-time link valid for 7 days; people who already have an account just sign in.</span>
                    </span>
                  </label>
                )}
              />
            </FieldGroup>
            <FormDialogFooter onCancel={dialog.close} submitting={isSubmitting}>
              Add people
            </FormDialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

function AddedSummary({ outcomes, onClose }: { outcomes: Outcomes; onClose: () => void }) {
  return (
    <div className="flex flex-col gap-4">
      <ul aria-label="Outcome per person" className="max-h-72 divide-y overflow-y-auto rounded-md border text-sm">
        {outcomes.map((o, i) => (
          <li key={`${o.email}-${i}`} className="flex items-center justify-between gap-2 px-3 py-2">
            <span className="font-medium">{o.email}</span>
            {o.status === "added" ? (
              <span className="flex gap-1">
                <Badge variant="success">added</Badge>
                {o.createdUser && <Badge variant="secondary">new account</Badge>}
                {o.welcomeSent && <Badge variant="outline">welcome link sent</Badge>}
              </span>
            ) : (
              <span className="text-muted-foreground">{o.reason}</span>
            )}
          </li>
        ))}
      </ul>
      <DialogFooter>
        <Button onClick={onClose}>Done</Button>
      </DialogFooter>
    </div>
  );
}
