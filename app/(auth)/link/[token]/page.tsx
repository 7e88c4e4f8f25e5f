import { LinkIcon, UserRoundCogIcon } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RetryNotice } from "@/components/retry-notice";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getLinkForHolder } from "@/lib/sign-in-links/link-view";
import { LinkRefused } from "./link-refused";

// same-origin: the token in the address never leaks to other sites (no-referrer would also blank the form's Origin).
export const metadata: Metadata = { title: "Sign-in link", referrer: "same-origin" };

const INVALID: Record<string, string> = {
  used: "This link was already used. Each sign-in link works once.",
  expired: "This link has expired.",
  revoked: "This link was revoked by an administrator.",
  suspended: "The account this link signs in to is suspended.",
};

/**
 * A sign-in link's landing page. Opening it (GET) consumes nothing, so mail scanners that follow links
 * cannot use it up; "Continue" POSTs to ./confirm, which does.
 */
export default async function LinkPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ error?: string; retry?: string }> }) {
  const [{ token }, { error, retry }] = await Promise.all([params, searchParams]);
  const link = await getLinkForHolder(token);

  // An address that names no link is a 404 (./not-found.tsx says why); a known one explains its state.
  if (link.status === "unknown") notFound();
  if (link.status !== "unused" || error === "banned") {
    return <LinkRefused message={error === "banned" ? INVALID.suspended : error === "refused" ? "This link can no longer be used." : INVALID[link.status]} />;
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
