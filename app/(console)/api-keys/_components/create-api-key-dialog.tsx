"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { KeyRoundIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { Controller, useForm, type Control } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { FormDialogFooter } from "@/components/form-dialog-footer";
import { FormSelect } from "@/components/form-select";
import { SecretOnce } from "@/components/secret-once";
import { useResultDialog } from "@/components/use-result-dialog";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel, FieldLegend, FieldSet } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createApiKeyAction } from "@/lib/api-keys/actions";
import { callAction } from "@/lib/call-action";
import { API_SCOPES } from "@/lib/permissions";

const ANY = "any";
const formSchema = z.object({
  name: z.string().trim().min(1, "Name the key (what uses it).").max(64, "At most 64 characters."),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "Choose at least one scope."),
  organizationId: z.string(),
  expiresInDays: z.number().int(),
});
type FormValues = z.infer<typeof formSchema>;
type Created = Extract<Awaited<ReturnType<typeof createApiKeyAction>>, { ok: true }>["data"];

const EXPIRY = [
  { value: 30, label: "30 days" },
  { value: 90, label: "90 days" },
  { value: 180, label: "180 days" },
  { value: 365, label: "1 year" },
];

/** Create a key: name, scopes (only those the person holds), organization, lifetime; the key is shown once. */
export function CreateApiKeyDialog({ scopes, organizations }: { scopes: { value: (typeof API_SCOPES)[number]; label: string }[]; organizations: { value: string; label: string }[] }) {
  const router = useRouter();
  const defaults: FormValues = { name: "", scopes: [], organizationId: ANY, expiresInDays: 90 };
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: defaults });
  const dialog = useResultDialog<Created>(() => form.reset(defaults));
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    const res = await callAction(createApiKeyAction({ ...values, organizationId: values.organizationId === ANY ? null : values.organizationId }));
    if (!res.ok) {
      toast.error("Could not create the key", { description: res.error });
      return;
    }
    dialog.setResult(res.data);
    toast.success(`Key “${res.data.name}” created`);
    router.refresh();
  });

  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>
        <Button disabled={!scopes.length}>
          <KeyRoundIcon /> Create key
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{dialog.result ? "Copy your key now" : "Create an API key"}</DialogTitle>
          <DialogDescription>
            {dialog.result ? "It is shown only this once: Admit keeps only its hash. Store it in your secret manager." : "The key acts as you, with only the scopes you choose."}
          </DialogDescription>
        </DialogHeader>
        {dialog.result ? (
          <SecretOnce
            value={dialog.result.key}
            label="API key"
            hint={
              <>
                Use it as <code className="rounded bg-muted px-1 py-0.5 text-xs">Authorization: Bearer {dialog.result.start}…</code>
              </>
            }
            onDone={dialog.close}
          />
        ) : (
          <form onSubmit={submit} noValidate>
            <FieldGroup>
              <Field data-invalid={!!errors.name}>
                <FieldLabel htmlFor="key-name">Name</FieldLabel>
                <Input id="key-name" placeholder="CRM sync" aria-invalid={!!errors.name} {...form.register("name")} />
                <FieldError errors={[errors.name]} />
              </Field>
              <ScopesField control={form.control} scopes={scopes} error={errors.scopes?.message} />
              <div className="grid gap-5 sm:grid-cols-2">
                <div className="flex flex-col gap-2">
                  <FormSelect control={form.control} name="organizationId" id="key-org" label="Organization" options={[{ value: ANY, label: "Every organization I manage" }, ...organizations]} />
                  <FieldDescription>Limited to one, the key cannot touch others, nor issue sign-in links.</FieldDescription>
                </div>
                <FormSelect control={form.control} name="expiresInDays" id="key-expiry" label="Expires after" options={EXPIRY} numeric />
              </div>
            </FieldGroup>
            <FormDialogFooter onCancel={dialog.close} submitting={isSubmitting}>
              Create key
            </FormDialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

function ScopesField({ control, scopes, error }: { control: Control<FormValues>; scopes: { value: (typeof API_SCOPES)[number]; label: string }[]; error?: string }) {
  return (
    <Controller
      control={control}
      name="scopes"
      render={({ field }) => (
        <FieldSet data-invalid={!!error}>
          <FieldLegend variant="label">Scopes</FieldLegend>
          <div className="grid gap-2 sm:grid-cols-2">
            {scopes.map((s) => (
              <label key={s.value} className="flex items-center gap-2 text-sm">
                <Checkbox checked={field.value.includes(s.value)} onCheckedChange={(on) => field.onChange(on ? [...field.value, s.value] : field.value.filter((v) => v !== s.value))} />
                {s.label}
              </label>
            ))}
          </div>
          <FieldError errors={[error ? { message: error } : undefined]} />
        </FieldSet>
      )}
    />
  );
}
