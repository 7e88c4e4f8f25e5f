"use client";
import { useState } from "react";

/**
 * State of a dialog that shows a form, then the result of submitting it: closing clears the result and
 * runs `onClosed` (typically resetting the form), so the next opening starts fresh.
 */
export function useResultDialog<R>(onClosed?: () => void) {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<R | null>(null);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setResult(null);
      onClosed?.();
    }
  };
  return { open, result, setResult, onOpenChange, close: () => onOpenChange(false) };
}
