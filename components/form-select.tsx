"use client";
import { Controller, type Control, type FieldPath, type FieldValues } from "react-hook-form";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

const NONE = "__none__";

/**
 * A labelled select bound to a react-hook-form field: the one select used by every form. Values are
 * strings, or numbers with `numeric`; `noneLabel` adds an option that stores `undefined`.
 */
export function FormSelect<T extends FieldValues>(props: {
  control: Control<T>;
  name: FieldPath<T>;
  id: string;
  label: string;
  options: readonly { value: string | number; label: string }[];
  placeholder?: string;
  noneLabel?: string;
  numeric?: boolean;
  disabled?: boolean;
  onChanged?: (value: string | number | undefined) => void;
}) {
  return (
    <Controller
      control={props.control}
      name={props.name}
      render={({ field, fieldState }) => (
        <Field data-invalid={!!fieldState.error}>
          <FieldLabel htmlFor={props.id}>{props.label}</FieldLabel>
          <Select
            value={field.value === undefined || field.value === null || field.value === "" ? (props.noneLabel ? NONE : "") : String(field.value)}
            disabled={props.disabled}
            onValueChange={(raw) => {
              const value = raw === NONE ? undefined : props.numeric ? Number(raw) : raw;
              field.onChange(value);
              props.onChanged?.(value);
            }}
          >
            <SelectTrigger id={props.id} className="w-full" aria-invalid={!!fieldState.error}>
              {/* The chosen option's label as text, so the server's HTML shows it before hydration. */}
              <SelectValue placeholder={props.placeholder}>
                {field.value === undefined || field.value === null || field.value === ""
                  ? props.noneLabel
                  : props.options.find((o) => String(o.value) === String(field.value))?.label}
              </SelectValue>
            </SelectTrigger>
            <SelectContent>
              {props.noneLabel && <SelectItem value={NONE}>{props.noneLabel}</SelectItem>}
              {props.options.map((o) => (
                <SelectItem key={String(o.value)} value={String(o.value)}>
                  {o.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <FieldError errors={[fieldState.error]} />
        </Field>
      )}
    />
  );
}

export const ROLE_OPTIONS = [
  { value: "member", label: "Member" },
  { value: "admin", label: "Admin" },
  { value: "owner", label: "Owner" },
] as const;

/** An organization's team, optional ("No team"); disabled while the organization has none. */
export function TeamSelect<T extends FieldValues>({
  teams = [],
  label = "Team",
  ...props
}: {
  control: Control<T>;
  name: FieldPath<T>;
  id: string;
  label?: string;
  teams?: readonly { id: string; name: string }[];
}) {
  return <FormSelect {...props} label={label} noneLabel="No team" options={teams.map((t) => ({ value: t.id, label: t.name }))} disabled={teams.length === 0} />;
}

/** The organization to act in; choosing another clears what belonged to the last one (`onChanged`). */
export function OrganizationSelect<T extends FieldValues>({
  organizations,
  ...props
}: {
  control: Control<T>;
  name: FieldPath<T>;
  id: string;
  /** null while they load. */
  organizations: readonly { id: string; name: string }[] | null;
  onChanged?: () => void;
}) {
  return (
    <FormSelect
      {...props}
      label="Organization"
      placeholder={organizations ? "Choose an organization" : "Loading organizations…"}
      options={(organizations ?? []).map((o) => ({ value: o.id, label: o.name }))}
      disabled={!organizations}
    />
  );
}
