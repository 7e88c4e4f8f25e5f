"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { PlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { Controller, useForm, type Control } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { FormDialogFooter } from "@/components/form-dialog-footer";
import { FormSelect } from "@/components/form-select";
import { useResultDialog } from "@/components/use-result-dialog";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldError, FieldGroup, FieldLabel, FieldLegend, FieldSet } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { callAction } from "@/lib/call-action";
import { createWebhookEndpointAction } from "@/lib/webhooks/actions";
import type { WebhookEventType } from "@/lib/webhooks/events";
import { SecretOnce } from "@/components/secret-once";

const ANY = "any";
const formSchema = z.object({
  url: z.string().trim().min(1, "Enter the URL Admit should post to.").refine((v) => URL.canParse(v), "Enter a full URL, like https://example.com/webhooks/admit."),
  description: z.string().max(200),
  events: z.array(z.string()),
  organizationId: z.string(),
});
type FormValues = z.infer<typeof formSchema>;

/** Add an endpoint: URL, which events (none ticked: all), which organization; the signing secret is shown once. */
export function EndpointDialog({ events, organizations }: { events: { value: WebhookEventType; label: string }[]; organizations: { value: string; label: string }[] }) {
  const router = useRouter();
  const defaults: FormValues = { url: "", description: "", events: [], organizationId: ANY };
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: defaults });
  const dialog = useResultDialog<{ secret: string }>(() => form.reset(defaults));
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    const res = await callAction(
      createWebhookEndpointAction({ ...values, events: values.events as WebhookEventType[], organizationId: values.organizationId === ANY ? null : values.organizationId }),
    );
    if (!res.ok) {
      toast.error("Could not add the endpoint", { description: res.error });
      return;
    }
    dialog.setResult({ secret: res.data.secret });
    toast.success("Endpoint added");
    router.refresh();
  });
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon /> Add endpoint
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{dialog.result ? "Copy the signing secret" : "Add a webhook endpoint"}</DialogTitle>
          <DialogDescription>
            {dialog.result ? "Your server verifies each request with it. It is shown only now; you can rotate it later." : "Admit posts JSON events to this URL, signed with a secret only you and Admit know."}
          </DialogDescription>
        </DialogHeader>
        {dialog.result ? (
          <SecretOnce
            value={dialog.result.secret}
            label="Signing secret"
            hint={
              <>
                Verify with any Standard Webhooks library: <code className="text-xs">new Webhook(secret).verify(body, headers)</code>.
              </>
            }
            onDone={dialog.close}
          />
        ) : (
          <form onSubmit={submit} noValidate>
            <FieldGroup>
              <Field data-invalid={!!errors.url}>
                <FieldLabel htmlFor="hook-url">URL</FieldLabel>
                <Input id="hook-url" type="url" placeholder="https://example.com/webhooks/admit" aria-invalid={!!errors.url} {...form.register("url")} />
                <FieldError errors={[errors.url]} />
              </Field>
              <Field>
                <FieldLabel htmlFor="hook-description">Description</FieldLabel>
                <Input id="hook-description" placeholder="CRM sync" {...form.register("description")} />
              </Field>
              <FormSelect control={form.control} name="organizationId" id="hook-org" label="Organization" options={[{ value: ANY, label: "Every organization" }, ...organizations]} />
              <EventsField control={form.control} events={events} />
            </FieldGroup>
            <FormDialogFooter onCancel={dialog.close} submitting={isSubmitting}>
              Add endpoint
            </FormDialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

function EventsField({ control, events }: { control: Control<FormValues>; events: { value: WebhookEventType; label: string }[] }) {
  return (
    <Controller
      control={control}
      name="events"
      render={({ field }) => (
        <FieldSet>
          <FieldLegend variant="label">Events (none ticked: every event)</FieldLegend>
          <div className="grid gap-2 sm:grid-cols-2">
            {events.map((e) => (
              <label key={e.value} className="flex items-start gap-2 text-sm">
                <Checkbox className="mt-0.5" checked={field.value.includes(e.value)} onCheckedChange={(on) => field.onChange(on ? [...field.value, e.value] : field.value.filter((v) => v !== e.value))} />
                <span>
                  <code className="text-xs">{e.value}</code>
                  <span className="block text-xs text-muted-foreground">{e.label}</span>
                </span>
              </label>
            ))}
          </div>
        </FieldSet>
      )}
    />
  );
}
