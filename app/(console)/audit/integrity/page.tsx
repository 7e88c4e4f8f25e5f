import { CircleCheckIcon, TriangleAlertIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/back-link";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { verifyAuditLog } from "@/lib/audit/queries";
import type { AuditVerification } from "@/lib/audit/verify";
import { env } from "@/lib/env";
import { formatNumber } from "@/lib/format";
import { guarded } from "@/lib/page-guard";
import { getCurrentActor } from "@/lib/session";

export const metadata: Metadata = { title: "Audit log integrity" };

function ChainsTable({ chains }: { chains: AuditVerification["chains"] }) {
  return (
    <Table aria-label="Audit chains">
      <TableHeader>
        <TableRow>
          <TableHead>Chain</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Events</TableHead>
          <TableHead>Sealed</TableHead>
          <TableHead>Pruned</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {chains.map((c) => (
          <TableRow key={c.chain}>
            <TableCell>{c.chain.startsWith("org:") ? <Link href={`/organizations/${c.chain.slice(4)}`} className="underline-offset-4 hover:underline">{c.label}</Link> : c.label}</TableCell>
            <TableCell className="whitespace-normal">
              {c.problem ? (
                <span className="flex flex-col gap-1">
                  <Badge variant="destructive">Altered at event {c.problem.seq}</Badge>
                  <span className="text-sm">{c.problem.reason}</span>
                  {c.problem.eventId && <code className="text-xs text-muted-foreground">{c.problem.eventId}</code>}
                </span>
              ) : (
                <Badge variant="success">Intact</Badge>
              )}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {formatNumber(c.events)}
              <span className="sr-only">
                {" "}
                (events {c.firstSeq} to {c.headSeq})
              </span>
            </TableCell>
            <TableCell>{c.sealedAt ? <RelativeTime date={c.sealedAt} /> : "—"}</TableCell>
            <TableCell>
              {c.pruned ? (
                <>
                  {formatNumber(c.pruned)} <RelativeTime date={c.prunedAt!} />
                </>
              ) : (
                "—"
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Every audit chain checked on each visit: intact, or where it stops verifying and why. */
export default async function AuditIntegrityPage() {
  const result = await guarded(verifyAuditLog(await getCurrentActor()));
  const broken = result.chains.filter((c) => c.problem);
  const retention = env.auditRetentionDays;
  return (
    <>
      <BackLink href="/audit">Audit log</BackLink>
      <PageHeader
        title="Audit log integrity"
        description={
          <>
            Each organization&apos;s events and the platform&apos;s form a hash chain with a signed head; every event is re-hashed on this page.{" "}
            {retention ? `Events older than ${retention} days are pruned, leaving a signed checkpoint.` : "Every event is kept (AUDIT_RETENTION_DAYS is not set)."}
          </>
        }
      />
      {broken.length ? (
        <div role="alert" className="flex gap-3 rounded-lg border border-destructive/40 bg-destructive/5 p-4 text-sm">
          <TriangleAlertIcon className="size-5 shrink-0 text-destructive" aria-hidden />
          <p>
            <strong>The audit log was altered.</strong> {broken.length === 1 ? "One chain does" : `${broken.length} chains do`} not verify; the first place each stops is shown below.
          </p>
        </div>
      ) : (
        <div role="status" className="flex gap-3 rounded-lg border p-4 text-sm">
          <CircleCheckIcon className="size-5 shrink-0 text-success" aria-hidden />
          <p>
            <strong>Intact.</strong> {formatNumber(result.chains.reduce((n, c) => n + c.events, 0))} events in {formatNumber(result.chains.length)} chains verified
            {result.pending ? `; ${formatNumber(result.pending)} recent events are waiting to be sealed (within seconds)` : ""}.
          </p>
        </div>
      )}
      {result.chains.length === 0 ? (
        <p className="text-sm text-muted-foreground">No events have been sealed yet.</p>
      ) : (
        <ChainsTable chains={result.chains} />
      )}
    </>
  );
}
