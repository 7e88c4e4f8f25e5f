"use client";
import type { FieldError as FormFieldError, UseFormRegisterReturn } from "react-hook-form";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { useFormat } from "@/components/locale-provider";
import { splitEmails } from "@/lib/invitations/schema";

/** The pasted list of addresses in the invite, add-members and sign-in-link forms, with a running count. */
export function EmailsField({ id, registration, error, value, rows = 3 }: { id: string; registration: UseFormRegisterReturn; error?: FormFieldError; value: string; rows?: number }) {
  const { plural } = useFormat();
  const count = splitEmails(value ?? "").length;
  return (
    <Field data-invalid={!!error}>
      <FieldLabel htmlFor={id}>Email addresses</FieldLabel>
      <Textarea
        id={id}
        rows={rows}
        placeholder={"ada@example.com, grace@example.com\nlinus@example.com"}
        aria-invalid={!!error}
        aria-describedby={`${id}-help ${id}-error`}
        {...registration}
      />
      <FieldDescription id={`${id}-help`}>
        Separate with commas or new lines. {count > 0 && <strong>{plural(count, "address", "addresses")}</strong>}
      </FieldDescription>
      <FieldError id={`${id}-error`} errors={[error]} />
    </Field>
  );
}
