import { LinkIcon, ShieldAlertIcon, UserRoundCogIcon } from "lucide-react";
import type { Metadata } from "next";
import { RetryNotice } from "@/components/retry-notice";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getLinkForHolder } from "@/lib/sign-in-links/link-view";

// same-origin: the token in the address never leaks to other sites (no-referrer would also blank the form's Origin).
export const metadata: Metadata = { title: "Sign-in link", referrer: "same-origin" };

const INVALID: Record<string, string> = {
  used: "This link was already used. Each sign-in link works once.",
  expired: "This link has expired.",
  revoked: "This link was revoked by an administrator.",
  unknown: "This link is not valid. Check that you copied the whole address.",
  suspended: "The account this link signs in to is suspended.",
};

/**
 * A sign-in link's landing page. Opening it (GET) consumes nothing, so mail scanners that follow links
 * cannot use it up; "Continue" POSTs to ./confirm, which does.
 */
export default async function LinkPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ error?: string; retry?: string }> }) {
  const [{ token }, { error, retry }] = await Promise.all([params, searchParams]);
  const link = await getLinkForHolder(token);

  if (link.status !== "unused" || error === "banned") {
    return (
      <Card>
        <CardHeader className="items-center text-center">
          <div className="mx-auto mb-2 flex size-10 items-center justify-center rounded-full bg-muted" aria-hidden>
            <ShieldAlertIcon className="size-5 text-muted-foreground" />
          </div>
          <CardTitle level={1} className="text-xl">
            This link can&apos;t be used
          </CardTitle>
          <CardDescription>
            {error === "banned" ? INVALID.suspended : error === "refused" ? "This link can no longer be used." : INVALID[link.status]} Ask the person who sent it for a new one, or{" "}
            <a className="underline underline-offset-4" href="/sign-in">
              sign in
            </a>{" "}
            another way.
          </CardDescription>
        </CardHeader>
      </Card>
    );
  }

  const impersonation = link.purpose === "impersonation";
  return (
    <Card>
      <CardHeader>
        <div className="mb-2 flex size-10 items-center justify-center rounded-full bg-muted" aria-hidden>
          {impersonation ? <UserRoundCogIcon className="size-5" /> : <LinkIcon className="size-5" />}
        </div>
        <CardTitle level={1} className="text-xl">
          {impersonation ? `Impersonate ${link.email}` : link.organizationName ? `Join ${link.organizationName}` : "Continue to sign in"}
        </CardTitle>
        <CardDescription>
          {impersonation
            ? "You will act as this person until you stop impersonating (at most one hour). Everything you do is recorded with your name."
            : link.organizationName
              ? `Continue as ${link.email} to accept the invitation.`
              : "This one-time link signs you in."}{" "}
          It expires <RelativeTime date={link.expiresAt!} />.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {error === "rate_limited" && <RetryNotice seconds={Number(retry) || 60} />}
        <form method="post" action={`/link/${encodeURIComponent(token)}/confirm`}>
          <Button type="submit" className="w-full" variant={impersonation ? "destructive" : "default"}>
            Continue as {link.email}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
