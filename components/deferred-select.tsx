"use client";
import { ChevronDown } from "lucide";
import { Select as SelectPrimitive } from "radix-ui";
import { Deferred } from "@/components/deferred";
import { Select, SelectContent, SelectItem } from "@/components/ui/select";
import { Glyph } from "@/components/ui/glyph";

/**
 * A select whose Radix parts are mounted on first use (components/deferred.tsx): until then a stand-in drawn as
 * shadcn's SelectTrigger (components/ui/select.tsx) shows the chosen option. For a select on every row of a table
 * or on every page; a form's select can be the plain one.
 */
export function DeferredSelect<V extends string>({
  value,
  options,
  onValueChange,
  size = "sm",
  className,
  ...label
}: {
  value: V;
  options: readonly { value: V; label: string }[];
  onValueChange: (value: V) => void;
  size?: "sm" | "default";
  className?: string;
} & ({ "aria-label": string } | { "aria-labelledby": string })) {
  const trigger = (
    <button type="button" role="combobox" data-slot="select-trigger" data-size={size} className={className} {...label}>
      <span data-slot="select-value">{options.find((o) => o.value === value)?.label ?? value}</span>
      <Glyph icon={ChevronDown} className="size-4 opacity-50" />
    </button>
  );
  return (
    <Deferred popup="listbox" opensOn="press" trigger={trigger}>
      {(trigger) => (
        <Select value={value} onValueChange={(v) => onValueChange(v as V)}>
          <SelectPrimitive.Trigger asChild>{trigger}</SelectPrimitive.Trigger>
          {/* Radix's default "item-aligned" placement needs its own SelectValue in the trigger, which the stand-in
              has not; "popper" places the list by the trigger itself. */}
          <SelectContent position="popper">
            {options.map((o) => (
              <SelectItem key={o.value} value={o.value}>
                {o.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      )}
    </Deferred>
  );
}
