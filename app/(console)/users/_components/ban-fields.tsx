"use client";
import { Field, FieldLabel } from "@/components/ui/field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";

const DURATIONS = [
  { value: "0", label: "Until lifted" },
  { value: "1", label: "1 day" },
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
];

/** A ban's reason and length (0: until lifted), for one person or many. */
export function BanFields(props: { reason: string; setReason: (v: string) => void; days: string; setDays: (v: string) => void }) {
  return (
    <div className="flex flex-col gap-4">
      <Field>
        <FieldLabel htmlFor="ban-reason">Reason</FieldLabel>
        <Textarea id="ban-reason" rows={2} value={props.reason} onChange={(e) => props.setReason(e.target.value)} placeholder="Ticket 4821: spam invitations" />
      </Field>
      <Field>
        <FieldLabel htmlFor="ban-days">For</FieldLabel>
        <Select value={props.days} onValueChange={props.setDays}>
          <SelectTrigger id="ban-days" className="w-full">
            <SelectValue>{DURATIONS.find((d) => d.value === props.days)?.label}</SelectValue>
          </SelectTrigger>
          <SelectContent>
            {DURATIONS.map((d) => (
              <SelectItem key={d.value} value={d.value}>
                {d.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </Field>
    </div>
  );
}
