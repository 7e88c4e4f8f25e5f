"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { callAction } from "@/lib/call-action";
import { REMINDER_CHOICES } from "@/lib/invitations/reminder-hours";
import { setReminderHoursAction } from "@/lib/organizations/actions";

/** Invitation reminders for the organization: saved as soon as a choice is made. */
export function ReminderSetting({ organizationId, hours, mayChange }: { organizationId: string; hours: number | null; mayChange: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState(String(hours ?? 0));
  const [saving, setSaving] = useState(false);
  const label = REMINDER_CHOICES.find((c) => String(c.value) === value)?.label ?? "No reminder";
  if (!mayChange) return <output id="reminder-hours" className="text-sm">{label}</output>;
  const change = async (next: string) => {
    const previous = value;
    setValue(next);
    setSaving(true);
    const res = await callAction(setReminderHoursAction({ organizationId, hours: Number(next) || null }));
    setSaving(false);
    if (!res.ok) {
      setValue(previous);
      toast.error("Could not save", { description: res.error });
      return;
    }
    toast.success(Number(next) ? `Reminders on: ${next} hours before expiry` : "Reminders off");
    router.refresh();
  };
  return (
    <Select value={value} onValueChange={change} disabled={saving}>
      <SelectTrigger id="reminder-hours" className="w-56" aria-label="Invitation reminders">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {REMINDER_CHOICES.map((c) => (
          <SelectItem key={c.value} value={String(c.value)}>
            {c.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
