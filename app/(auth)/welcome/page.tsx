import { Building2Icon } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/sign-out-button";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { getCurrentActor } from "@/lib/session";

export const metadata: Metadata = { title: "Welcome" };

/** Where invitees and sign-in links land: who you are and where you belong, and the way on to the app. */
export default async function WelcomePage() {
  const actor = await getCurrentActor();
  if (!actor) redirect("/sign-in?next=/welcome");
  const memberships = await prisma.member.findMany({
    where: { userId: actor.userId },
    select: { role: true, organization: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle level={1} className="text-xl">You&apos;re signed in</CardTitle>
        <CardDescription>
          as <strong data-testid="welcome-email">{actor.email}</strong>
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {memberships.length ? (
          <ul className="divide-y rounded-md border text-sm" aria-label="Your organizations">
            {memberships.map((m) => (
              <li key={m.organization.id} className="flex items-center gap-2 px-3 py-2">
                <Building2Icon className="size-4 text-muted-foreground" aria-hidden />
                <span className="flex-1 font-medium">{m.organization.name}</span>
                <span className="text-muted-foreground">{m.role}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">You don&apos;t belong to any organization yet.</p>
        )}
        <div className="flex gap-2">
          {env.appHomeUrl && (
            <Button asChild className="flex-1">
              <a href={env.appHomeUrl}>Continue to the app</a>
            </Button>
          )}
          <SignOutButton variant="outline" />
        </div>
      </CardContent>
    </Card>
  );
}
