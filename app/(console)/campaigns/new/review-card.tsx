"use client";
import { DownloadIcon, LoaderCircleIcon, SendIcon } from "lucide-react";
import { useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { previewCampaignAction } from "@/lib/campaigns/actions";
import { renderTemplate, ROW_OUTCOME_TEXT, ROW_OUTCOMES, type CampaignSettings, type RowOutcome } from "@/lib/campaigns/schema";
import { csvFileName, toCsv } from "@/lib/csv-export";
import { useFormat } from "@/components/locale-provider";
import { cn } from "@/lib/utils";

export type Preview = Extract<Awaited<ReturnType<typeof previewCampaignAction>>, { ok: true }>["data"];
const SHOWN_ROWS = 200;

interface ReviewProps {
  preview: Preview;
  values: CampaignSettings;
  organizationName: string;
  inviterName: string;
  fileName: string | undefined;
  busy: boolean;
  starting: boolean;
  onStart: () => void;
}

/** Step 3: every row's outcome (filterable), the error report, the email as the first valid person gets it, and Start. */
export function ReviewCard({ preview, values, organizationName, inviterName, fileName, busy, starting, onStart }: ReviewProps) {
  const { plural, number } = useFormat();
  const [filter, setFilter] = useState<RowOutcome | "all">("all");
  const inView = useMemo(() => preview.rows.filter((r) => filter === "all" || r.outcome === filter), [preview, filter]);
  const shown = inView.slice(0, SHOWN_ROWS);
  const valid = preview.counts.valid ?? 0;
  const invalid = preview.total - valid;
  const sampleFields = sampleFieldsOf(preview, organizationName, inviterName);
  const downloadErrors = () => downloadErrorReport(preview, fileName);
  return (
      <Card>
        <CardHeader>
          <CardTitle level={2}>3. Review and send</CardTitle>
          <CardDescription>
            {plural(preview.total, "row")}: {number(valid)} will be sent, {number(invalid)} will not.
            {preview.extraColumns.length > 0 && ` Extra columns for the message: ${preview.extraColumns.join(", ")}.`}
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <div className="flex flex-wrap gap-2" role="group" aria-label="Filter rows by outcome">
            <OutcomeChip active={filter === "all"} onClick={() => setFilter("all")} label="All" count={preview.total} />
            {ROW_OUTCOMES.filter((o) => preview.counts[o]).map((o) => (
              <OutcomeChip key={o} active={filter === o} onClick={() => setFilter(o)} label={ROW_OUTCOME_TEXT[o]} count={preview.counts[o]} bad={o !== "valid"} />
            ))}
          </div>
          <div className="max-h-72 overflow-auto rounded-md border">
            <Table aria-label="Rows of the file">
              <TableHeader>
                <TableRow>
                  <TableHead>Line</TableHead>
                  <TableHead>Email</TableHead>
                  <TableHead>Name</TableHead>
                  <TableHead>Outcome</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {shown.map((r) => (
                  <TableRow key={r.line}>
                    <TableCell className="tabular-nums text-muted-foreground">{r.line}</TableCell>
                    <TableCell className="max-w-64 truncate font-medium" title={r.email}>
                      {r.email || <span className="text-muted-foreground">(empty)</span>}
                    </TableCell>
                    <TableCell>{r.name}</TableCell>
                    <TableCell>
                      <Badge variant={r.outcome !== "valid" ? "destructive" : r.message === ROW_OUTCOME_TEXT.valid ? "success" : "warning"}>{r.message}</Badge>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {preview.rows.filter((r) => filter === "all" || r.outcome === filter).length > SHOWN_ROWS && (
            <p className="text-xs text-muted-foreground">Showing the first {SHOWN_ROWS} rows of this view.</p>
          )}
          {preview.sample && <EmailPreview to={preview.sample.email} values={values} fields={sampleFields} organizationName={organizationName} />}
          <div className="flex flex-wrap justify-end gap-2">
            {invalid > 0 && (
              <Button variant="outline" onClick={downloadErrors}>
                <DownloadIcon /> Download error report
              </Button>
            )}
            <Button onClick={onStart} disabled={!valid || busy}>
              {starting ? <LoaderCircleIcon className="animate-spin" /> : <SendIcon />}
              Start campaign ({plural(valid, "person", "people")})
            </Button>
          </div>
        </CardContent>
      </Card>
  );
}

function EmailPreview({ to, values, fields, organizationName }: { to: string; values: CampaignSettings; fields: Record<string, string | undefined>; organizationName: string }) {
  return (
    <section aria-label="Email preview" className="rounded-md border bg-muted/30 p-4 text-sm">
      <p className="text-xs text-muted-foreground">Preview for {to}</p>
      <p className="mt-1 font-semibold">{renderTemplate(values.subject, fields)}</p>
      {renderTemplate(values.message, fields)
        .split(/\n{2,}/)
        .map((p, i) => (
          <p key={i} className="mt-2 whitespace-pre-line">
            {p}
          </p>
        ))}
      <span className="mt-3 inline-block rounded-md bg-primary px-3 py-1.5 text-xs font-medium text-primary-foreground">
        {values.kind === "invitation" ? `Join ${organizationName}` : "Sign in"}
      </span>
    </section>
  );
}

function sampleFieldsOf(preview: Preview, organization: string, inviter: string): Record<string, string | undefined> {
  const s = preview.sample;
  return s ? { ...s.fields, name: s.name ?? s.email.split("@")[0], email: s.email, organization, inviter } : {};
}

/** The rows that will not be sent, as a spreadsheet-safe CSV (with a BOM) named after the upload. */
function downloadErrorReport(preview: Preview, fileName: string | undefined) {
  const rows = preview.rows.filter((r) => r.outcome !== "valid");
  const csv = toCsv(["line", "email", "name", "role", "team", "problem"], rows.map((r) => [r.line, r.email, r.name, r.role, r.team, r.message]));
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  a.download = csvFileName(fileName, "errors", "campaign");
  a.click();
  URL.revokeObjectURL(a.href);
}

function OutcomeChip({ active, onClick, label, count, bad }: { active: boolean; onClick: () => void; label: string; count: number; bad?: boolean }) {
  return (
    <button
      type="button"
      aria-pressed={active}
      onClick={onClick}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-xs font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
        active ? "border-primary bg-primary text-primary-foreground" : "hover:bg-accent",
        !active && bad && "text-destructive",
      )}
    >
      {label}
      <span className="tabular-nums opacity-80">{count}</span>
    </button>
  );
}

