"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { CopyIcon, DownloadIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import { FormSelect } from "@/components/form-select";
import { Deferred, type Trigger } from "@/components/deferred";
import { useResultDialog } from "@/components/use-result-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormDialogFooter } from "@/components/form-dialog-footer";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toCsv } from "@/lib/csv-export";
import { issueSignInLinksAction } from "@/lib/sign-in-links/actions";
import { issueLinksFormSchema, LINK_EXPIRY, LINK_EXPIRY_CHOICES, LINK_REDIRECTS, type IssueLinksFormValues, type LinkPurpose } from "@/lib/sign-in-links/schema";
import { useFormat } from "@/components/locale-provider";
import { callAction } from "@/lib/call-action";

type Results = Extract<Awaited<ReturnType<typeof issueSignInLinksAction>>, { ok: true }>["data"];

/**
 * Issue sign-in links (or one impersonation link). Links can be emailed, downloaded as CSV, or shown
 * once for copying; the server never shows a raw link again.
 */
type IssueLinksProps = { trigger: Trigger; defaultEmails?: string; purpose?: LinkPurpose; allowImpersonation: boolean };

export function IssueLinksDialog(props: IssueLinksProps) {
  // The form is mounted on first use of its trigger (components/deferred.tsx).
  return <Deferred popup="dialog" trigger={props.trigger}>{(trigger) => <IssueLinksForm {...props} trigger={trigger} />}</Deferred>;
}

function IssueLinksForm({ trigger, defaultEmails = "", purpose: fixedPurpose, allowImpersonation }: IssueLinksProps) {
  const { plural } = useFormat();
  const router = useRouter();
  const initialPurpose = fixedPurpose ?? "sign-in";
  const defaults: IssueLinksFormValues = {
    emails: defaultEmails,
    purpose: initialPurpose,
    expiresIn: LINK_EXPIRY[initialPurpose].default,
    redirectTo: "/welcome",
    reason: "",
    createUsers: false,
    delivery: initialPurpose === "impersonation" ? "copy" : "email",
  };
  const form = useForm<IssueLinksFormValues>({ resolver: zodResolver(issueLinksFormSchema), defaultValues: defaults });
  const dialog = useResultDialog<Results>(() => form.reset(defaults));
  const results = dialog.result;
  const purpose = form.watch("purpose");
  const delivery = form.watch("delivery");
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    const res = await callAction(issueSignInLinksAction(values));
    if (!res.ok) {
      toast.error("Could not issue links", { description: res.error });
      return;
    }
    const issued = res.data.filter((r) => r.status === "issued");
    if (values.delivery === "csv" && issued.length) {
      downloadCsv(issued);
    }
    dialog.setResult(res.data);
    toast.success(`${plural(issued.length, "link")} issued`);
    router.refresh();
  });

  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{results ? "Links issued" : purpose === "impersonation" ? "Impersonate a user" : "Issue sign-in links"}</DialogTitle>
          <DialogDescription>
            {results
              ? "Each link works once. Copy or download them now: they are not shown again."
              : purpose === "impersonation"
                ? "A one-time link that signs you in as this person for at most an hour. The reason is recorded."
                : "One-time links that sign people in as themselves: welcome, recovery, support."}
          </DialogDescription>
        </DialogHeader>
        {results ? (
          <LinkResults results={results} impersonation={purpose === "impersonation"} onDone={dialog.close} />
        ) : (
          <form onSubmit={submit} noValidate>
            <FieldGroup>
              <Field data-invalid={!!errors.emails}>
                <FieldLabel htmlFor="link-emails">{purpose === "impersonation" ? "Email of the user" : "Email addresses"}</FieldLabel>
                {purpose === "impersonation" ? (
                  <Input id="link-emails" aria-invalid={!!errors.emails} {...form.register("emails")} />
                ) : (
                  <Textarea id="link-emails" rows={3} placeholder="ada@example.com, grace@example.com" aria-invalid={!!errors.emails} {...form.register("emails")} />
                )}
                <FieldError errors={[errors.emails]} />
              </Field>
              {!fixedPurpose && allowImpersonation && (
                <FormSelect
                  control={form.control}
                  name="purpose"
                  id="link-purpose"
                  label="Purpose"
                  options={[
                    { value: "sign-in", label: "Sign-in (the person themself)" },
                    { value: "impersonation", label: "Impersonation (you, as them)" },
                  ]}
                  onChanged={(v) => {
                    const p = v as LinkPurpose;
                    form.setValue("expiresIn", LINK_EXPIRY[p].default);
                    if (p === "impersonation") form.setValue("delivery", "copy");
                  }}
                />
              )}
              {purpose === "impersonation" && (
                <Field data-invalid={!!errors.reason}>
                  <FieldLabel htmlFor="link-reason">Reason</FieldLabel>
                  <Input id="link-reason" placeholder="Ticket #4821: reproduce the billing page error" aria-invalid={!!errors.reason} {...form.register("reason")} />
                  <FieldError errors={[errors.reason]} />
                </Field>
              )}
              <div className="grid gap-5 sm:grid-cols-2">
                <FormSelect control={form.control} name="expiresIn" id="link-expiry" label="Expires after" options={LINK_EXPIRY_CHOICES[purpose]} numeric />
                <FormSelect control={form.control} name="redirectTo" id="link-redirect" label="After sign-in, go to" options={LINK_REDIRECTS.map((r) => ({ value: r, label: r }))} />
              </div>
              {purpose === "sign-in" && (
                <>
                  <div className="flex flex-col gap-2">
                    <FormSelect
                      control={form.control}
                      name="delivery"
                      id="link-delivery"
                      label="Delivery"
                      options={[
                        { value: "email", label: "Email each person their link" },
                        { value: "csv", label: "Download a CSV (email, url, expiresAt)" },
                        { value: "copy", label: "Show the links to copy" },
                      ]}
                    />
                    {delivery !== "email" && <FieldDescription>Whoever holds a link can sign in with it. Hand them over safely.</FieldDescription>}
                  </div>
                  <Controller
                    control={form.control}
                    name="createUsers"
                    render={({ field }) => (
                      <label className="flex items-start gap-3 text-sm">
                        <Checkbox checked={field.value} onCheckedChange={(v) => field.onChange(!!v)} aria-describedby="create-users-help" className="mt-0.5" />
                        <span>
                          Create accounts for addresses that have none
                          <span id="create-users-help" className="block text-muted-foreground">
                            Verified email, no password; the link is their way in.
                          </span>
                        </span>
                      </label>
                    )}
                  />
                </>
              )}
            </FieldGroup>
            <FormDialogFooter onCancel={dialog.close} submitting={isSubmitting} variant={purpose === "impersonation" ? "destructive" : "default"}>
              {purpose === "impersonation" ? "Create impersonation link" : "Issue links"}
            </FormDialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

function downloadCsv(rows: Results) {
  const csv = toCsv(
    ["email", "url", "expiresAt"],
    rows.map((r) => [r.email, r.url ?? "", r.expiresAt ?? ""]),
  );
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  a.download = `sign-in-links-${new Date().toISOString().slice(0, 10)}.csv`;
  a.click();
  URL.revokeObjectURL(a.href);
}

function LinkResults({ results, impersonation, onDone }: { results: Results; impersonation: boolean; onDone: () => void }) {
  const issued = results.filter((r) => r.status === "issued");
  const skipped = results.length - issued.length;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex gap-2" role="status">
        <Badge variant="success">{issued.length} issued</Badge>
        {skipped > 0 && <Badge variant="destructive">{skipped} skipped</Badge>}
      </div>
      <ul aria-label="Issued links" className="max-h-80 divide-y overflow-y-auto rounded-md border text-sm">
        {results.map((r, i) => (
          <li key={`${r.email}-${i}`} className="flex flex-col gap-1 px-3 py-2">
            <span className="flex items-center justify-between gap-2">
              <span className="font-medium">{r.email}</span>
              <span className="text-muted-foreground">
                {r.status === "skipped" ? `Skipped: ${r.reason}` : r.url ? "Ready" : r.sent ? "Emailed" : "Email failed"}
                {r.createdUser ? " · account created" : ""}
              </span>
            </span>
            {r.url && (
              <span className="flex items-center gap-2">
                <code className="flex-1 truncate rounded bg-muted px-2 py-1 text-xs" data-testid="issued-link">
                  {r.url}
                </code>
                <Button
                  size="icon-sm"
                  variant="outline"
                  aria-label={`Copy link for ${r.email}`}
                  onClick={async () => {
                    await navigator.clipboard.writeText(r.url!);
                    toast.success("Link copied");
                  }}
                >
                  <CopyIcon />
                </Button>
              </span>
            )}
          </li>
        ))}
      </ul>
      <DialogFooter>
        {impersonation && issued[0]?.url && (
          <Button variant="destructive" asChild>
            <a href={issued[0].url}>Impersonate now</a>
          </Button>
        )}
        {!impersonation && issued.some((r) => r.url) && (
          <Button variant="outline" onClick={() => downloadCsv(issued)}>
            <DownloadIcon /> Download CSV
          </Button>
        )}
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </div>
  );
}
