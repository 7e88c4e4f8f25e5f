"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { DownloadIcon, FileUpIcon, LoaderCircleIcon, SendIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { FormSelect, ROLE_OPTIONS, TeamSelect } from "@/components/form-select";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { createCampaignAction, previewCampaignAction } from "@/lib/campaigns/actions";
import { MAX_CSV_BYTES, tooLargeMessage } from "@/lib/campaigns/csv";
import { campaignSettingsSchema, DEFAULT_SETTINGS, renderTemplate, ROW_OUTCOME_TEXT, ROW_OUTCOMES, type CampaignSettings, type RowOutcome } from "@/lib/campaigns/schema";
import { csvFileName, toCsv } from "@/lib/csv-export";
import { plural } from "@/lib/format";
import type { InvitableOrganization } from "@/lib/invitations/queries";
import { EXPIRY_CHOICES } from "@/lib/invitations/schema";
import { cn } from "@/lib/utils";
import { callAction } from "@/lib/call-action";

type Preview = Extract<Awaited<ReturnType<typeof previewCampaignAction>>, { ok: true }>["data"];
const SHOWN_ROWS = 200;

export function NewCampaign({ organizations, maySignInLinks, inviterName }: { organizations: InvitableOrganization[]; maySignInLinks: boolean; inviterName: string }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [filter, setFilter] = useState<RowOutcome | "all">("all");
  const [busy, setBusy] = useState<"preview" | "create" | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const form = useForm<CampaignSettings>({
    resolver: zodResolver(campaignSettingsSchema),
    defaultValues: { ...DEFAULT_SETTINGS, organizationId: organizations.length === 1 ? organizations[0].id : "" },
  });
  const values = form.watch();
  const org = organizations.find((o) => o.id === values.organizationId);
  const { errors } = form.formState;

  // A check answers for the settings it was made with: changing who is invited, or how, needs a new one.
  const { organizationId, kind, role, teamId } = values;
  useEffect(() => setPreview(null), [organizationId, kind, role, teamId]);

  const choose = (f: File | undefined | null) => {
    if (!f) return;
    // Refused here before any upload, and again on the server.
    if (f.size > MAX_CSV_BYTES) {
      toast.error("That file is too large", { description: tooLargeMessage(f.size) });
      return;
    }
    setFile(f);
    setPreview(null);
  };

  const check = form.handleSubmit(async (settings) => {
    if (!file) {
      toast.error("Choose a CSV file first.");
      return;
    }
    setBusy("preview");
    const data = new FormData();
    data.set("file", file);
    data.set("settings", JSON.stringify(settings));
    const res = await callAction(previewCampaignAction(data));
    setBusy(null);
    if (!res.ok) {
      toast.error("The file could not be checked", { description: res.error });
      setPreview(null);
      return;
    }
    setPreview(res.data);
    setFilter("all");
  });

  const start = form.handleSubmit(async (settings) => {
    if (!preview) return;
    setBusy("create");
    const res = await callAction(createCampaignAction({ draftId: preview.draftId, settings }));
    setBusy(null);
    if (!res.ok) {
      toast.error("The campaign could not start", { description: res.error });
      return;
    }
    toast.success(`Campaign started for ${plural(res.data.recipients, "person", "people")}`);
    router.push(`/campaigns/${res.data.id}`);
  });

  const shown = useMemo(() => (preview ? preview.rows.filter((r) => filter === "all" || r.outcome === filter).slice(0, SHOWN_ROWS) : []), [preview, filter]);
  const valid = preview?.counts.valid ?? 0;
  const invalid = (preview?.total ?? 0) - valid;

  const downloadErrors = () => {
    const rows = preview!.rows.filter((r) => r.outcome !== "valid");
    const csv = toCsv(["line", "email", "name", "role", "team", "problem"], rows.map((r) => [r.line, r.email, r.name, r.role, r.team, r.message]));
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    a.download = csvFileName(file?.name, "errors", "campaign");
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const sampleFields: Record<string, string | undefined> = preview?.sample
    ? { ...preview.sample.fields, name: preview.sample.name ?? preview.sample.email.split("@")[0], email: preview.sample.email, organization: org?.name, inviter: inviterName }
    : {};

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <Card>
        <CardHeader>
          <CardTitle level={2}>1. Settings</CardTitle>
          <CardDescription>Defaults for rows without a role or team column. Use {"{{name}}"}, {"{{organization}}"} or any CSV column in the text.</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={(e) => e.preventDefault()} noValidate>
            <FieldGroup>
              <Field data-invalid={!!errors.name}>
                <FieldLabel htmlFor="c-name">Campaign name</FieldLabel>
                <Input id="c-name" placeholder="Spring onboarding" aria-invalid={!!errors.name} {...form.register("name")} />
                <FieldError errors={[errors.name]} />
              </Field>
              <div className="grid gap-5 sm:grid-cols-2">
                <FormSelect
                  control={form.control}
                  name="organizationId"
                  id="c-org"
                  label="Organization"
                  placeholder="Choose"
                  options={organizations.map((o) => ({ value: o.id, label: o.name }))}
                  onChanged={() => {
                    form.setValue("teamId", undefined);
                    setPreview(null);
                  }}
                />
                <FormSelect
                  control={form.control}
                  name="kind"
                  id="c-kind"
                  label="Send"
                  options={[{ value: "invitation", label: "Invitations (join in one step)" }, ...(maySignInLinks ? [{ value: "sign-in", label: "Sign-in links (existing users)" }] : [])]}
                  onChanged={() => setPreview(null)}
                />
                <FormSelect control={form.control} name="role" id="c-role" label="Default role" options={ROLE_OPTIONS} />
                <TeamSelect control={form.control} name="teamId" id="c-team" label="Default team" teams={org?.teams} />
                <FormSelect
                  control={form.control}
                  name="expiresIn"
                  id="c-expiry"
                  label="Links expire after"
                  options={EXPIRY_CHOICES.filter((c) => values.kind === "invitation" || c.value <= 7 * 86400)}
                  numeric
                />
              </div>
              <Field data-invalid={!!errors.subject}>
                <FieldLabel htmlFor="c-subject">Subject</FieldLabel>
                <Input id="c-subject" aria-invalid={!!errors.subject} {...form.register("subject")} />
                <FieldError errors={[errors.subject]} />
              </Field>
              <Field data-invalid={!!errors.message}>
                <FieldLabel htmlFor="c-message">Message</FieldLabel>
                <Textarea id="c-message" rows={5} aria-invalid={!!errors.message} {...form.register("message")} />
                <FieldDescription>A blank line starts a new paragraph. The link button and its expiry are added below it.</FieldDescription>
                <FieldError errors={[errors.message]} />
              </Field>
            </FieldGroup>
          </form>
        </CardContent>
      </Card>

      <div className="flex flex-col gap-6">
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
                choose(e.dataTransfer.files[0]);
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
              <input ref={input} type="file" accept=".csv,text/csv" className="sr-only" data-testid="csv-input" onChange={(e) => choose(e.target.files?.[0])} />
            </div>
            <Button onClick={check} disabled={!file || busy !== null} variant={preview ? "outline" : "default"}>
              {busy === "preview" && <LoaderCircleIcon className="animate-spin" />}
              Check file
            </Button>
          </CardContent>
        </Card>

        {preview && (
          <Card>
            <CardHeader>
              <CardTitle level={2}>3. Review and send</CardTitle>
              <CardDescription>
                {plural(preview.total, "row")}: {valid.toLocaleString("en")} will be sent, {invalid.toLocaleString("en")} will not.
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
              {preview.sample && (
                <section aria-label="Email preview" className="rounded-md border bg-muted/30 p-4 text-sm">
                  <p className="text-xs text-muted-foreground">Preview for {preview.sample.email}</p>
                  <p className="mt-1 font-semibold">{renderTemplate(values.subject, sampleFields)}</p>
                  {renderTemplate(values.message, sampleFields)
                    .split(/\n{2,}/)
                    .map((p, i) => (
                      <p key={i} className="mt-2 whitespace-pre-line">
                        {p}
                      </p>
                    ))}
                  <span className="mt-3 inline-block rounded-md bg-primary px-3 py-1.5 text-xs font-medium text-primary-foreground">
                    {values.kind === "invitation" ? `Join ${org?.name ?? ""}` : "Sign in"}
                  </span>
                </section>
              )}
              <div className="flex flex-wrap justify-end gap-2">
                {invalid > 0 && (
                  <Button variant="outline" onClick={downloadErrors}>
                    <DownloadIcon /> Download error report
                  </Button>
                )}
                <Button onClick={start} disabled={!valid || busy !== null}>
                  {busy === "create" ? <LoaderCircleIcon className="animate-spin" /> : <SendIcon />}
                  Start campaign ({plural(valid, "person", "people")})
                </Button>
              </div>
            </CardContent>
          </Card>
        )}
      </div>
    </div>
  );
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

