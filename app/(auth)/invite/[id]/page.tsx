import { BanIcon, CheckCircle2Icon, ClockIcon, MailQuestionIcon, XCircleIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getInvitationForInvitee } from "@/lib/invitations/invitee";
import { getCurrentActor } from "@/lib/session";
import { InviteResponse } from "./invite-response";

export const metadata: Metadata = { title: "Invitation" };

/** The invitee's page. Opening it changes nothing; accepting is a POST (server action) after sign-in. */
export default async function InvitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [invitation, actor] = await Promise.all([getInvitationForInvitee(id), getCurrentActor()]);

  if (!invitation) {
    return (
      <Notice icon={<MailQuestionIcon />} title="Invitation not found">
        This link does not match any invitation. Check that you copied the whole address, or ask for a new invitation.
      </Notice>
    );
  }
  const inviter = invitation.inviter.name || invitation.inviter.email;
  if (invitation.status === "canceled") {
    return (
      <Notice icon={<BanIcon />} title="This invitation was revoked">
        {inviter} withdrew the invitation to {invitation.organization.name}. If you still need access, ask {invitation.inviter.email} for a new invitation.
      </Notice>
    );
  }
  if (invitation.status === "accepted") {
    return (
      <Notice icon={<CheckCircle2Icon />} title="Already accepted" action={<Button asChild><Link href="/welcome">Continue</Link></Button>}>
        This invitation to {invitation.organization.name} has already been accepted. Sign in as {invitation.email} to continue.
      </Notice>
    );
  }
  if (invitation.status === "rejected") {
    return (
      <Notice icon={<XCircleIcon />} title="Invitation declined">
        This invitation to {invitation.organization.name} was declined. Ask {invitation.inviter.email} for a new one if that was a mistake.
      </Notice>
    );
  }
  if (invitation.status === "expired") {
    return (
      <Notice icon={<ClockIcon />} title="This invitation has expired">
        It expired <RelativeTime date={invitation.expiresAt} />. Ask {inviter} ({invitation.inviter.email}) for a new invitation to {invitation.organization.name}.
      </Notice>
    );
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle level={1} className="text-xl">Join {invitation.organization.name}</CardTitle>
        <CardDescription>
          {inviter} ({invitation.inviter.email}) invited <strong>{invitation.email}</strong> to join as {invitation.role === "member" ? "a" : "an"}{" "}
          <strong>{invitation.role}</strong>.
        </CardDescription>
        <p className="text-sm text-muted-foreground">
          Expires <RelativeTime date={invitation.expiresAt} />.
        </p>
      </CardHeader>
      <CardContent>
        <InviteResponse invitation={invitation} signedInAs={actor?.email ?? null} />
      </CardContent>
    </Card>
  );
}

function Notice({ icon, title, children, action }: { icon: ReactNode; title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Card>
      <CardHeader className="items-center text-center">
        <div className="mx-auto mb-2 flex size-10 items-center justify-center rounded-full bg-muted [&_svg]:size-5 [&_svg]:text-muted-foreground" aria-hidden>
          {icon}
        </div>
        <CardTitle level={1} className="text-xl">{title}</CardTitle>
        <CardDescription>{children}</CardDescription>
      </CardHeader>
      {action && <CardContent className="flex justify-center">{action}</CardContent>}
    </Card>
  );
}
