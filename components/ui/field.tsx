import type * as React from "react";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

function FieldGroup({ className, ...props }: React.ComponentProps<"div">) {
  return <div data-slot="field-group" className={cn("flex w-full flex-col gap-5", className)} {...props} />;
}
function Field({ className, ...props }: React.ComponentProps<"div"> & { "data-invalid"?: boolean }) {
  return <div role="group" data-slot="field" className={cn("group/field flex w-full flex-col gap-2 data-[invalid=true]:text-destructive", className)} {...props} />;
}
function FieldLabel({ className, ...props }: React.ComponentProps<typeof Label>) {
  return <Label data-slot="field-label" className={cn("group-data-[invalid=true]/field:text-destructive", className)} {...props} />;
}
function FieldDescription({ className, ...props }: React.ComponentProps<"p">) {
  return <p data-slot="field-description" className={cn("text-sm font-normal text-muted-foreground", className)} {...props} />;
}
function FieldError({ className, errors, id }: { className?: string; errors?: ({ message?: string } | undefined)[]; id?: string }) {
  const messages = [...new Set((errors ?? []).map((e) => e?.message).filter(Boolean))];
  if (!messages.length) return null;
  return (
    <div role="alert" id={id} data-slot="field-error" className={cn("text-sm font-normal text-destructive", className)}>
      {messages.length === 1 ? messages[0] : <ul className="ml-4 list-disc">{messages.map((m) => <li key={m}>{m}</li>)}</ul>}
    </div>
  );
}

export { Field, FieldDescription, FieldError, FieldGroup, FieldLabel };
