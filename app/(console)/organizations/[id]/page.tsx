import { ArrowLeftIcon, MailIcon, UsersIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { InvitationStatusBadge } from "@/components/status-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getOrganization } from "@/lib/organizations/queries";
import { guarded } from "@/lib/page-guard";
import { getCurrentActor } from "@/lib/session";

export const metadata: Metadata = { title: "Organization" };

export default async function OrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const org = await guarded(getOrganization(await getCurrentActor(), id));
  return (
    <>
      <Link href="/organizations" className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4" aria-hidden /> Organizations
      </Link>
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
        <CardHeader>
          <CardTitle>Members</CardTitle>
          <CardDescription>{org.members.length} people belong to this organization.</CardDescription>
        </CardHeader>
        <CardContent>
          {org.members.length === 0 ? (
            <EmptyState icon={UsersIcon} title="No members yet" />
          ) : (
            <Table aria-label="Members">
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Email</TableHead>
                  <TableHead>Role</TableHead>
                  <TableHead>Joined</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {org.members.map((m) => (
                  <TableRow key={m.id}>
                    <TableCell className="font-medium">{m.user.name || "—"}</TableCell>
                    <TableCell>{m.user.email}</TableCell>
                    <TableCell>
                      <Badge variant={m.role.includes("owner") ? "default" : "secondary"}>{m.role}</Badge>
                    </TableCell>
                    <TableCell>
                      <RelativeTime date={m.createdAt} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Invitations</CardTitle>
          <CardDescription>The most recent 200 invitations to this organization, in every status.</CardDescription>
        </CardHeader>
        <CardContent>
          {org.invitations.length === 0 ? (
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
                {org.invitations.map((i) => (
                  <TableRow key={i.id}>
                    <TableCell className="font-medium">{i.email}</TableCell>
                    <TableCell>{i.role}</TableCell>
                    <TableCell>{i.teamName ?? <span className="text-muted-foreground">—</span>}</TableCell>
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
          )}
        </CardContent>
      </Card>
    </>
  );
}
