import type { Metadata } from "next";
import type { ReactNode } from "react";
import { BackLink } from "@/components/back-link";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getCurrentActor } from "@/lib/session";
import { can } from "@/lib/permissions";
import type { Person } from "@/lib/users/queries";
import { personForPage } from "./_data";
import { PersonActions } from "./_components/person-actions";
import { RevokeSession } from "./_components/revoke-session";

export const metadata: Metadata = { title: "Person" };


/** A titled card holding a small table, or a line saying there is nothing. */
function Section({ title, empty, headers, rows }: { title: string; empty: string; headers: string[]; rows: ReactNode[][] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{title}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{empty}</p>
        ) : (
          <Table aria-label={title}>
            <TableHeader>
              <TableRow>
                {headers.map((h) => (
                  <TableHead key={h}>{h}</TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((cells, i) => (
                <TableRow key={i}>
                  {cells.map((c, j) => (
                    <TableCell key={j} className="whitespace-normal">
                      {c}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function Profile({ user, signIns }: { user: Person["user"]; signIns: Person["signIns"] }) {
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span>{user.email}</span>
      <Badge variant="secondary">{user.role}</Badge>
      {user.bannedNow ? <Badge variant="destructive">banned{user.banReason ? `: ${user.banReason}` : ""}</Badge> : <Badge variant="success">active</Badge>}
      {user.bannedNow && user.banExpires && <RelativeTime date={user.banExpires} prefix={{ future: "ends " }} />}
      {!user.emailVerified && <Badge variant="muted">unverified</Badge>}
      <span>
        joined <RelativeTime date={user.createdAt} />
      </span>
      <span data-testid="sign-ins">
        {signIns.last ? (
          <>
            last signed in <RelativeTime date={signIns.last} />
            {signIns.first && signIns.first !== signIns.last && (
              <>
                {" "}
                (first <RelativeTime date={signIns.first} />)
              </>
            )}
          </>
        ) : (
          <Badge variant="muted">never signed in</Badge>
        )}
      </span>
    </span>
  );
}

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await getCurrentActor();
  const person = await personForPage((await params).id);
  const time = (d: string | null) => (d ? <RelativeTime date={d} /> : null);
  return (
    <>
      <BackLink href="/users">Users</BackLink>
      <PageHeader
        title={person.user.name || person.user.email}
        description={<Profile user={person.user} signIns={person.signIns} />}
        actions={
          <PersonActions
            userId={person.user.id}
            email={person.user.email}
            role={person.user.role}
            banned={person.user.bannedNow}
            sessions={person.sessions.length}
            mayBan={can(actor, "user:ban")}
            maySetRole={can(actor, "user:set-role")}
            maySignOut={can(actor, "user:revoke-sessions")}
          />
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Section
          title="Organizations"
          empty="Not a member of any organization."
          headers={["Organization", "Role", "Teams", "Since"]}
          rows={person.memberships.map((m) => [m.organization.name, m.role, m.teams.join(", ") || null, time(m.since)])}
        />
        <Section
          title="Open sessions"
          empty="No open session."
          headers={["Last active", "Address", "Device", "Impersonated by", ""]}
          rows={person.sessions.map((s) => [
            time(s.lastActiveAt),
            <span key="ip" className="font-mono text-xs">{s.ipAddress ?? "unknown"}</span>,
            <span key="ua" className="text-xs">{s.userAgent?.slice(0, 48) ?? "unknown"}</span>,
            s.impersonatedBy ?? null,
            can(actor, "user:revoke-sessions") ? <RevokeSession key="r" userId={person.user.id} sessionId={s.id} /> : null,
          ])}
        />
        <Section
          title="Invitations"
          empty="No invitation for this address."
          headers={["Organization", "Role", "Status", "Created"]}
          rows={person.invitations.map((i) => [i.organization, i.role, <Badge key="s" variant="secondary">{i.status}</Badge>, time(i.createdAt)])}
        />
        <Section
          title="Sign-in links"
          empty="No sign-in link was issued for this person."
          headers={["Purpose", "Status", "Issued by", "Created"]}
          rows={person.links.map((l) => [l.purpose, <Badge key="s" variant="secondary">{l.status}</Badge>, l.issuerEmail ?? "system", time(l.createdAt)])}
        />
      </div>
      <Section
        title="Activity"
        empty="Nothing recorded yet."
        headers={["When", "Action", "By", "On"]}
        rows={person.timeline.map((e) => [time(e.at), <Badge key="a" variant="secondary" className="font-mono">{e.action}</Badge>, e.as === "actor" ? "this person" : e.actorEmail, e.target ?? null])}
      />
    </>
  );
}
