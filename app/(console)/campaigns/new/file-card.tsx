"use client";
import { FileUpIcon, LoaderCircleIcon } from "lucide-react";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";

/** Step 2: the file (dropped or chosen) and the check. */
export function FileCard(props: { file: File | null; busy: boolean; checking: boolean; checked: boolean; onChoose: (f: File | undefined | null) => void; onCheck: () => void }) {
  const { file, busy, checking, checked, onChoose, onCheck } = props;
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  return (
      <Card>
        <CardHeader>
          <CardTitle level={2}>2. People</CardTitle>
          <CardDescription>A CSV with an email column (up to 50,000 rows, 10 MB). Optional: name, role, team, and any columns for the message.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <div
            role="button"
            tabIndex={0}
            aria-label="Choose a CSV file, or drop one here"
            onClick={() => input.current?.click()}
            onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && input.current?.click()}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(false);
              onChoose(e.dataTransfer.files[0]);
            }}
            className={cn(
              "flex cursor-pointer flex-col items-center gap-2 rounded-lg border-2 border-dashed p-8 text-center text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
              dragging && "border-primary bg-muted",
            )}
          >
            <FileUpIcon className="size-6 text-muted-foreground" aria-hidden />
            {file ? (
              <span>
                <strong>{file.name}</strong> · {(file.size / 1024).toFixed(1)} KB
              </span>
            ) : (
              <span>Drop a CSV here or click to choose</span>
            )}
          </div>
          {/* The zone above is the control (keyboard, drop, screen readers); this input only opens the file chooser. */}
          <input ref={input} type="file" accept=".csv,text/csv" className="sr-only" tabIndex={-1} aria-hidden data-testid="csv-input" onChange={(e) => onChoose(e.target.files?.[0])} />
          <Button onClick={onCheck} disabled={!file || busy} variant={checked ? "outline" : "default"}>
            {checking && <LoaderCircleIcon className="animate-spin" />}
            Check file
          </Button>
        </CardContent>
      </Card>
  );
}
