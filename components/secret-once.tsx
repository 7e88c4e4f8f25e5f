"use client";
import { CheckIcon, CopyIcon } from "lucide-react";
import { useState, type ReactNode } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";

/** A secret the server returns once (an API key, a webhook signing secret): selectable, copyable, then Done. */
export function SecretOnce({ value, label, hint, onDone }: { value: string; label: string; hint: ReactNode; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center gap-2">
        <Input readOnly value={value} aria-label={label} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        <Button
          type="button"
          variant="outline"
          onClick={async () => {
            await navigator.clipboard.writeText(value);
            setCopied(true);
            toast.success(`${label} copied`);
          }}
        >
          {copied ? <CheckIcon /> : <CopyIcon />} Copy
        </Button>
      </div>
      <p className="text-sm text-muted-foreground">{hint}</p>
      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </div>
  );
}
