"use client";
import { LoaderCircleIcon, MailIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { RetryNotice } from "@/components/retry-notice";
import { Button } from "@/components/ui/button";
import { authClient } from "@/lib/auth-client";
import { retryAfterOf } from "@/lib/retry-after";
import type { InviteeView } from "@/lib/invitations/invitee";
import { acceptInvitationAction, declineInvitationAction } from "@/lib/invitations/invitee-actions";
import { callAction } from "@/lib/call-action";

export function InviteResponse({ invitation, signedInAs }: { invitation: InviteeView; signedInAs: string | null }) {
  if (signedInAs && signedInAs.toLowerCase() !== invitation.email.toLowerCase()) return <WrongAccount invitation={invitation} signedInAs={signedInAs} />;
  if (signedInAs) return <Answer invitation={invitation} />;
  return <SignInFirst invitation={invitation} />;
}

/** Signed in as someone else: say so, and offer to sign out. */
function WrongAccount({ invitation, signedInAs }: { invitation: InviteeView; signedInAs: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div className="flex flex-col gap-3">
      <p role="alert" className="rounded-md border bg-muted px-3 py-2 text-sm">
        You are signed in as <strong>{signedInAs}</strong>, but this invitation is for <strong>{invitation.email}</strong>.
      </p>
      <Button
        disabled={pending}
        onClick={() =>
          start(async () => {
            await authClient.signOut();
            router.refresh();
          })
        }
      >
        Sign out and continue as {invitation.email}
      </Button>
    </div>
  );
}

/** Signed in as the invitee: accept or decline (rate limited: a countdown says how long to wait). */
function Answer({ invitation }: { invitation: InviteeView }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [retry, setRetry] = useState<{ seconds: number; at: number }>();
  const answer = (verb: "accept" | "decline") =>
    start(async () => {
      setRetry(undefined);
      const res = verb === "accept" ? await callAction(acceptInvitationAction(invitation.id)) : await callAction(declineInvitationAction(invitation.id));
      if (!res.ok && res.retryAfter) return setRetry({ seconds: res.retryAfter, at: Date.now() });
      if (!res.ok) {
        toast.error(verb === "accept" ? "Could not accept" : "Could not decline", { description: res.error });
        return router.refresh();
      }
      toast.success(verb === "accept" ? `Welcome to ${invitation.organization.name}` : "Invitation declined");
      // Where the invitation sends its person: a console path, or the application's URL.
      const to = res.data.redirectTo ?? "/welcome";
      if (verb === "accept") return to.startsWith("/") ? router.push(to) : window.location.assign(to);
      else router.refresh();
    });
  return (
    <div className="flex flex-col gap-2">
      {retry && <RetryNotice key={retry.at} seconds={retry.seconds} />}
      <Button onClick={() => answer("accept")} disabled={pending}>
        {pending && <LoaderCircleIcon className="animate-spin" />}
        Accept invitation
      </Button>
      <Button variant="ghost" onClick={() => answer("decline")} disabled={pending}>
        Decline
      </Button>
    </div>
  );
}

/** Not signed in: an email link (which also creates the account of a new person), or the password. */
function SignInFirst({ invitation }: { invitation: InviteeView }) {
  const [pending, start] = useTransition();
  const [linkSent, setLinkSent] = useState(false);
  const here = `/invite/${invitation.id}`;

  const sendLink = () =>
    start(async () => {
      let wait = 60;
      const { error } = await authClient.signIn.magicLink(
        { email: invitation.email, callbackURL: here, errorCallbackURL: "/sign-in" },
        { onError: (ctx) => void (wait = retryAfterOf(ctx.response.headers)) },
      );
      if (error) {
        toast.error("Could not send the link", { description: error.status === 429 ? `Too many requests. Try again in ${wait} s.` : "Try again." });
        return;
      }
      setLinkSent(true);
    });

  return (
    <div className="flex flex-col gap-3">
      {linkSent ? (
        <p role="status" className="rounded-md border bg-muted px-3 py-2 text-sm">
          We emailed a link to <strong>{invitation.email}</strong>. Open it to {invitation.hasAccount ? "sign in" : "create your account"}, then accept here.
        </p>
      ) : (
        <p className="text-sm text-muted-foreground">
          {invitation.hasAccount ? `Sign in as ${invitation.email} to accept.` : `Continue as ${invitation.email}: we'll email you a link that creates your account.`}
        </p>
      )}
      <Button onClick={sendLink} disabled={pending} variant={invitation.hasPassword ? "outline" : "default"}>
        {pending ? <LoaderCircleIcon className="animate-spin" /> : <MailIcon />}
        {invitation.hasAccount ? "Email me a sign-in link" : "Email me a link to join"}
      </Button>
      {invitation.hasPassword && (
        <Button asChild>
          <Link href={`/sign-in?next=${encodeURIComponent(here)}`}>Sign in with password</Link>
        </Button>
      )}
    </div>
  );
}
