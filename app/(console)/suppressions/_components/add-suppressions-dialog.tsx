"use client";
import { MailXIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useFormat } from "@/components/locale-provider";
import { Button } from "@/components/ui/button";
import { FormDialogFooter } from "@/components/form-dialog-footer";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { callAction } from "@/lib/call-action";
import { splitEmails } from "@/lib/invitations/schema";
import { addSuppressionsAction } from "@/lib/suppressions/actions";

/** Admins add addresses by hand (someone asked not to be mailed, a known-bad list), with an optional note. */
export function AddSuppressionsDialog() {
  const { plural } = useFormat();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [emails, setEmails] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const count = splitEmails(emails).length;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!count) return setError("Enter at least one address.");
    setSaving(true);
    const res = await callAction(addSuppressionsAction({ emails, note }));
    setSaving(false);
    if (!res.ok) return setError(res.error);
    const invalid = res.data.filter((o) => o.status === "invalid_email").map((o) => o.email);
    if (invalid.length) {
      router.refresh();
      return setError(`Not email addresses: ${invalid.slice(0, 5).join(", ")}${invalid.length > 5 ? "…" : ""}. The others were added.`);
    }
    const added = res.data.filter((o) => o.status === "added").length;
    toast.success(`${plural(added, "address", "addresses")} suppressed`, { description: added < res.data.length ? `${res.data.length - added} already on the list` : undefined });
    setOpen(false);
    setEmails("");
    setNote("");
    router.refresh();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <MailXIcon /> Add addresses
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <form onSubmit={submit} noValidate className="space-y-4">
          <DialogHeader>
            <DialogTitle>Suppress addresses</DialogTitle>
            <DialogDescription>Admit will not email them again until they are cleared.</DialogDescription>
          </DialogHeader>
          <Field data-invalid={!!error}>
            <FieldLabel htmlFor="suppress-emails">Email addresses</FieldLabel>
            <Textarea id="suppress-emails" rows={3} value={emails} onChange={(e) => setEmails(e.target.value)} aria-invalid={!!error} aria-describedby="suppress-help" />
            <FieldDescription id="suppress-help">Separate with commas or new lines. {count > 0 && <strong>{plural(count, "address", "addresses")}</strong>}</FieldDescription>
            {error && <FieldError>{error}</FieldError>}
          </Field>
          <Field>
            <FieldLabel htmlFor="suppress-note">Note (optional)</FieldLabel>
            <Input id="suppress-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} placeholder="Asked not to be contacted (ticket 4821)" />
          </Field>
          <FormDialogFooter onCancel={() => setOpen(false)} submitting={saving}>
            Suppress
          </FormDialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
