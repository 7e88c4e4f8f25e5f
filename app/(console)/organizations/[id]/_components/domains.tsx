"use client";
import { CheckIcon, GlobeIcon, XIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { callAction } from "@/lib/call-action";
import { addDomainAction, decideJoinRequestAction, removeDomainAction, setDomainPolicyAction, verifyDomainAction } from "@/lib/organizations/actions";
import type { ActionResult } from "@/lib/safe-action";

type Domain = { id: string; domain: string; verifiedAt: string | null; policy: string; role: string; record: { name: string; value: string } };
type JoinRequest = { id: string; email: string; createdAt: string; domain: string };

const POLICIES = [
  { value: "none", label: "Nothing" },
  { value: "auto_join:member", label: "Join on sign-in as member" },
  { value: "auto_join:admin", label: "Join on sign-in as admin" },
  { value: "request", label: "Ask to join" },
];

function useRun() {
  const router = useRouter();
  return async <T,>(pending: Promise<ActionResult<T>>, done: string) => {
    const res = await callAction(pending);
    if (!res.ok) toast.error("Not done", { description: res.error });
    else {
      toast.success(done);
      router.refresh();
    }
    return res.ok;
  };
}

/** Claimed email domains: add, prove with a DNS TXT record, choose what happens at sign-in, remove. */
export function Domains({ organizationId, domains, mayChange }: { organizationId: string; domains: Domain[]; mayChange: boolean }) {
  const run = useRun();
  const [name, setName] = useState("");
  const [removing, setRemoving] = useState<Domain | null>(null);
  return (
    <div className="space-y-4">
      {domains.length === 0 && <p className="text-sm text-muted-foreground">No domains yet. Claim one to let people with addresses there join or ask to join when they sign in.</p>}
      <ul aria-label="Domains" className={domains.length ? "divide-y rounded-md border" : "hidden"}>
        {domains.map((d) => (
          <li key={d.id} className="flex flex-col gap-2 p-3 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <GlobeIcon className="size-4 text-muted-foreground" aria-hidden />
              <span className="font-medium">{d.domain}</span>
              {d.verifiedAt ? <Badge variant="success">Verified</Badge> : <Badge variant="warning">Waiting for DNS</Badge>}
              <span className="ml-auto flex items-center gap-2">
                {mayChange && d.verifiedAt && (
                  <Select value={d.policy === "auto_join" ? `auto_join:${d.role}` : d.policy} onValueChange={(v) => run(setDomainPolicyAction({ id: d.id, organizationId, policy: v.split(":")[0], role: v.split(":")[1] ?? "member" }), "Saved")}>
                    <SelectTrigger className="w-60" aria-label={`When people from ${d.domain} sign in`}>
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {POLICIES.map((p) => (
                        <SelectItem key={p.value} value={p.value}>
                          {p.label}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
                {!mayChange && d.verifiedAt && <span className="text-muted-foreground">{POLICIES.find((p) => p.value === (d.policy === "auto_join" ? `auto_join:${d.role}` : d.policy))?.label}</span>}
                {mayChange && !d.verifiedAt && (
                  <Button size="sm" variant="outline" onClick={() => run(verifyDomainAction({ id: d.id, organizationId }), `${d.domain} verified`)}>
                    Verify
                  </Button>
                )}
                {mayChange && (
                  <Button size="sm" variant="ghost" aria-label={`Remove ${d.domain}`} onClick={() => setRemoving(d)}>
                    <XIcon />
                  </Button>
                )}
              </span>
            </div>
            {!d.verifiedAt && (
              <p className="text-muted-foreground">
                Add a TXT record <code className="rounded bg-muted px-1 break-all text-foreground">{d.record.name}</code> with the value{" "}
                <code className="rounded bg-muted px-1 break-all text-foreground">{d.record.value}</code>, then verify.
              </p>
            )}
          </li>
        ))}
      </ul>
      {mayChange && (
        <form
          className="flex flex-wrap gap-2"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await run(addDomainAction({ organizationId, domain: name }), `${name.trim().toLowerCase()} added: create its TXT record`)) setName("");
          }}
        >
          <Input className="w-64" value={name} onChange={(e) => setName(e.target.value)} placeholder="example.com" aria-label="Domain to claim" />
          <Button type="submit" variant="outline" disabled={!name.trim()}>
            Claim domain
          </Button>
        </form>
      )}
      <ConfirmDialog
        open={!!removing}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={`Remove ${removing?.domain ?? "the domain"}?`}
        description="People with addresses there no longer join or ask to join on sign-in; its pending requests are declined. Members stay members."
        confirmLabel="Remove"
        destructive
        onConfirm={async () => {
          if (removing) await run(removeDomainAction({ id: removing.id, organizationId }), `${removing.domain} removed`);
        }}
      />
    </div>
  );
}

/** People who asked to join through a verified domain: approve (they become members) or decline. */
export function JoinRequests({ organizationId, requests }: { organizationId: string; requests: JoinRequest[] }) {
  const run = useRun();
  if (!requests.length) return <p className="text-sm text-muted-foreground">No one is waiting.</p>;
  return (
    <ul aria-label="Join requests" className="divide-y rounded-md border">
      {requests.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center gap-2 p-3 text-sm">
          <span className="font-medium">{r.email}</span>
          <span className="text-muted-foreground">
            via {r.domain} · <RelativeTime date={r.createdAt} />
          </span>
          <span className="ml-auto flex gap-2">
            <Button size="sm" onClick={() => run(decideJoinRequestAction({ id: r.id, decision: "approve", organizationId }), `${r.email} added`)}>
              <CheckIcon /> Approve
            </Button>
            <Button size="sm" variant="outline" onClick={() => run(decideJoinRequestAction({ id: r.id, decision: "decline", organizationId }), "Request declined")}>
              Decline
            </Button>
          </span>
        </li>
      ))}
    </ul>
  );
}
