import { LoaderCircleIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";

/** The footer of every form in a dialog: Cancel, and the submit button with its spinner while submitting. */
export function FormDialogFooter({
  onCancel,
  submitting,
  disabled = false,
  variant = "default",
  children,
}: {
  onCancel: () => void;
  submitting: boolean;
  /** Not ready to submit yet (what the form needs is still loading). */
  disabled?: boolean;
  variant?: "default" | "destructive";
  children: ReactNode;
}) {
  return (
    <DialogFooter className="mt-6">
      <Button type="button" variant="outline" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={submitting || disabled} variant={variant}>
        {submitting && <LoaderCircleIcon className="animate-spin" />}
        {children}
      </Button>
    </DialogFooter>
  );
}
