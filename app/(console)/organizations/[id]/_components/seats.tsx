"use client";
import { ArmchairIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useFormat } from "@/components/locale-provider";
import { Button } from "@/components/ui/button";
import { FormDialogFooter } from "@/components/form-dialog-footer";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Progress } from "@/components/ui/progress";
import { callAction } from "@/lib/call-action";
import { setSeatLimitAction } from "@/lib/organizations/actions";
import type { SeatUsage } from "@/lib/organizations/seats";

/** Seats taken (members and pending invitations) against the limit; admins set or remove the limit. */
export function Seats({ organizationId, seats, mayChange }: { organizationId: string; seats: SeatUsage; mayChange: boolean }) {
  const { number, plural } = useFormat();
  const full = seats.limit !== null && seats.used >= seats.limit;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p>
          <strong className="font-medium">{seats.limit === null ? `${plural(seats.used, "seat")} taken` : `${number(seats.used)} of ${number(seats.limit)} seats taken`}</strong>
          <span className="text-muted-foreground">
            {" "}
            · {plural(seats.members, "member")}, {plural(seats.pending, "pending invitation")}
            {seats.limit === null ? " · no limit" : ""}
          </span>
        </p>
        {mayChange && <SeatLimitDialog organizationId={organizationId} limit={seats.limit} used={seats.used} />}
      </div>
      {seats.limit !== null && (
        <Progress value={seats.limit === 0 ? 100 : Math.min(100, (seats.used / seats.limit) * 100)} aria-label={`${seats.used} of ${seats.limit} seats taken`} className={full ? "[&>*]:bg-destructive" : undefined} />
      )}
      {full && (
        <p role="status" className="text-sm text-destructive">
          {seats.used > seats.limit! ? "More seats are taken than the limit allows: nobody can be invited or added until some leave." : "Every seat is taken: nobody can be invited or added."}
        </p>
      )}
    </div>
  );
}

function SeatLimitDialog({ organizationId, limit, used }: { organizationId: string; limit: number | null; used: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(limit === null ? "" : String(limit));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const text = value.trim();
    const seats = text === "" ? null : Number(text);
    if (seats !== null && (!Number.isInteger(seats) || seats < 0)) return setError("Enter a whole number of seats, or leave it empty for no limit.");
    setSaving(true);
    const res = await callAction(setSeatLimitAction({ organizationId, seats }));
    setSaving(false);
    if (!res.ok) return setError(res.error);
    toast.success(seats === null ? "Seat limit removed" : `Seat limit set to ${seats}`);
    setOpen(false);
    router.refresh();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setValue(limit === null ? "" : String(limit));
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" variant="outline">
          <ArmchairIcon /> Seat limit
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <form onSubmit={save} noValidate className="space-y-4">
          <DialogHeader>
            <DialogTitle>Seat limit</DialogTitle>
            <DialogDescription>Members plus pending invitations may not exceed it. Every way of inviting or adding people keeps to it; nobody is removed.</DialogDescription>
          </DialogHeader>
          <Field>
            <FieldLabel htmlFor="seat-limit">Seats</FieldLabel>
            <Input id="seat-limit" inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} placeholder="No limit" aria-invalid={!!error} aria-describedby="seat-limit-help" />
            <FieldDescription id="seat-limit-help">{used} taken now. Leave empty for no limit.</FieldDescription>
            {error && <FieldError>{error}</FieldError>}
          </Field>
          <FormDialogFooter onCancel={() => setOpen(false)} submitting={saving}>
            Save
          </FormDialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
