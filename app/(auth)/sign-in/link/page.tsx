import type { Metadata } from "next";
import { RetryNotice } from "@/components/retry-notice";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Confirm sign-in" };

/**
 * Where emailed magic links land. Opening it (GET) changes nothing, so mail scanners that follow links
 * cannot use up the token; the button POSTs to ./confirm, which verifies it through better-auth.
 */
export default async function ConfirmMagicLinkPage({ searchParams }: { searchParams: Promise<{ token?: string; next?: string; error?: string; retry?: string }> }) {
  const { token = "", next = "/", error, retry } = await searchParams;
  return (
    <Card>
      <CardHeader>
        <CardTitle level={1} className="text-xl">Continue to Admit</CardTitle>
        <CardDescription>Confirm to finish signing in. The link works once.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {error === "rate_limited" && <RetryNotice seconds={Number(retry) || 60} />}
        <form method="post" action="/sign-in/link/confirm">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="next" value={next} />
          <Button type="submit" className="w-full" disabled={!token}>
            Continue
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
