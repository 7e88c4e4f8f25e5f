import { MailIcon } from "lucide-react";
import type { Metadata } from "next";
import { BackLink } from "@/components/back-link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { InvitationStatusBadge } from "@/components/status-badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { can } from "@/lib/permissions";
import { AddMembersDialog } from "./_components/add-members-dialog";
import { MembersTable } from "./_components/members-table";
import { Domains, JoinRequests } from "./_components/domains";
import { ReminderSetting } from "./_components/reminder-setting";
import { Seats } from "./_components/seats";
import { organizationForPage } from "./_data";
import { plural } from "@/lib/format";
import { requestLocale } from "@/lib/request-locale";
import { getCurrentActor } from "@/lib/session";

export const metadata: Metadata = { title: "Organization" };

export default async function OrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getCurrentActor();
  const org = await organizationForPage(id);
  const [mayAdd, mayUpdate, mayDelete, maySetSeats, maySettings] = await Promise.all(
    (["member:create", "member:update", "member:delete", "organization:seats", "organization:settings"] as const).map((p) => can(actor, p, { organizationId: org.id })),
  );
  return (
    <>
      <BackLink href="/organizations">Organizations</BackLink>
      <PageHeader
        title={org.name}
        description={
          <>
            <span className="font-mono">{org.slug}</span> · created <RelativeTime date={org.createdAt} /> · {org.teams.length} team
            {org.teams.length === 1 ? "" : "s"}
          </>
        }
      />
      <Card>
        <CardHeader className="flex flex-row items-start justify-between">
          <div className="space-y-1.5">
            <CardTitle level={2}>Members</CardTitle>
            <CardDescription>{plural(org.members.length, "person", "people", await requestLocale())} {org.members.length === 1 ? "belongs" : "belong"} to this organization.</CardDescription>
          </div>
          {mayAdd && <AddMembersDialog organizationId={org.id} teams={org.teams} />}
        </CardHeader>
        <CardContent className="space-y-4">
          <Seats organizationId={org.id} seats={org.seats} mayChange={maySetSeats} />
          <MembersTable members={org.members} mayUpdate={mayUpdate} mayDelete={mayDelete} />
        </CardContent>
      </Card>
      <DomainCards organizationId={org.id} domains={org.domains} joinRequests={org.joinRequests} mayChange={maySettings} mayDecide={mayAdd} />
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
          <div className="space-y-1.5">
            <CardTitle level={2}>Invitations</CardTitle>
            <CardDescription>The most recent 200 invitations to this organization, in every status.</CardDescription>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <label htmlFor="reminder-hours" className="text-muted-foreground">
              Remind who has not answered
            </label>
            <ReminderSetting organizationId={org.id} hours={org.reminderHours} mayChange={maySettings} />
          </div>
        </CardHeader>
        <CardContent>
          <InvitationsList invitations={org.invitations} />
        </CardContent>
      </Card>
    </>
  );
}

/** The organization's most recent invitations, in every status. */
function InvitationsList({ invitations }: { invitations: Awaited<ReturnType<typeof organizationForPage>>["invitations"] }) {
  return invitations.length === 0 ? (
    <EmptyState icon={MailIcon} title="No invitations yet" />
  ) : (
    <Table aria-label="Invitations">
        <TableHeader>
          <TableRow>
            <TableHead>Email</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Team</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Invited by</TableHead>
            <TableHead>Expires</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {invitations.map((i) => (
            <TableRow key={i.id}>
              <TableCell className="font-medium">{i.email}</TableCell>
              <TableCell>{i.role}</TableCell>
              <TableCell>{i.teamName}</TableCell>
              <TableCell>
                <InvitationStatusBadge status={i.status} />
              </TableCell>
              <TableCell>{i.inviterEmail}</TableCell>
              <TableCell>
                <RelativeTime date={i.expiresAt} prefix={{ past: "expired " }} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
  );
}

type OrganizationView = Awaited<ReturnType<typeof organizationForPage>>;

/** Join requests (when there are any, or a domain asks for them) and claimed domains. */
function DomainCards({ organizationId, domains, joinRequests, mayChange, mayDecide }: { organizationId: string; domains: OrganizationView["domains"]; joinRequests: OrganizationView["joinRequests"]; mayChange: boolean; mayDecide: boolean }) {
  return (
    <>
      {mayDecide && (joinRequests.length > 0 || domains.some((d) => d.policy === "request")) && (
        <Card>
          <CardHeader>
            <CardTitle level={2}>Join requests</CardTitle>
            <CardDescription>People who signed in with an address of a verified domain and asked to join.</CardDescription>
          </CardHeader>
          <CardContent>
            <JoinRequests organizationId={organizationId} requests={joinRequests} />
          </CardContent>
        </Card>
      )}
      {(mayChange || domains.length > 0) && (
        <Card>
          <CardHeader>
            <CardTitle level={2}>Domains</CardTitle>
            <CardDescription>Email domains this organization has proved it owns, and what happens when people from them sign in.</CardDescription>
          </CardHeader>
          <CardContent>
            <Domains organizationId={organizationId} domains={domains} mayChange={mayChange} />
          </CardContent>
        </Card>
      )}
    </>
  );
}
