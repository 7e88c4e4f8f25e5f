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
import { createWebhookEndpointAction, updateWebhookEndpointAction } from "@/lib/webhooks/actions";
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

type Choices = { events: { value: WebhookEventType; label: string }[]; organizations: { value: string; label: string }[] };
export interface EditableEndpoint {
  id: string;
  url: string;
  description: string;
  events: string[];
  organizationId: string | null;
}

const toInput = (values: FormValues) => ({ ...values, events: values.events as WebhookEventType[], organizationId: values.organizationId === ANY ? null : values.organizationId });

/** The endpoint's fields, for adding one and for changing one. */
function EndpointForm({ choices, initial, submitLabel, onSubmit, onCancel }: { choices: Choices; initial: FormValues; submitLabel: string; onSubmit: (values: FormValues) => Promise<void>; onCancel: () => void }) {
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: initial });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
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
        <FormSelect control={form.control} name="organizationId" id="hook-org" label="Organization" options={[{ value: ANY, label: "Every organization" }, ...choices.organizations]} />
        <EventsField control={form.control} events={choices.events} />
      </FieldGroup>
      <FormDialogFooter onCancel={onCancel} submitting={isSubmitting}>
        {submitLabel}
      </FormDialogFooter>
    </form>
  );
}

/** Add an endpoint: URL, which events (none ticked: all), which organization; the signing secret is shown once. */
export function EndpointDialog(choices: Choices) {
  const router = useRouter();
  const dialog = useResultDialog<{ secret: string }>();
  const submit = async (values: FormValues) => {
    const res = await callAction(createWebhookEndpointAction(toInput(values)));
    if (!res.ok) {
      toast.error("Could not add the endpoint", { description: res.error });
      return;
    }
    dialog.setResult({ secret: res.data.secret });
    toast.success("Endpoint added");
    router.refresh();
  };
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
          <EndpointForm choices={choices} initial={{ url: "", description: "", events: [], organizationId: ANY }} submitLabel="Add endpoint" onSubmit={submit} onCancel={dialog.close} />
        )}
      </DialogContent>
    </Dialog>
  );
}

/** Change an endpoint's URL, description, organization or events (its secret stays). */
export function EditEndpointDialog({ choices, endpoint, onClose }: { choices: Choices; endpoint: EditableEndpoint | null; onClose: () => void }) {
  const router = useRouter();
  const submit = async (values: FormValues) => {
    if (!endpoint) return;
    const res = await callAction(updateWebhookEndpointAction({ id: endpoint.id, changes: toInput(values) }));
    if (!res.ok) {
      toast.error("Could not save the endpoint", { description: res.error });
      return;
    }
    toast.success("Endpoint saved");
    onClose();
    router.refresh();
  };
  return (
    <Dialog open={!!endpoint} onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Edit the webhook endpoint</DialogTitle>
          <DialogDescription>Events already waiting keep their delivery; new events follow these settings.</DialogDescription>
        </DialogHeader>
        {endpoint && (
          <EndpointForm
            choices={choices}
            initial={{ url: endpoint.url, description: endpoint.description, events: endpoint.events, organizationId: endpoint.organizationId ?? ANY }}
            submitLabel="Save"
            onSubmit={submit}
            onCancel={onClose}
          />
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
