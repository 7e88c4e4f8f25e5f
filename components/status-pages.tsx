"use client";
import { FileQuestionIcon, LockIcon, ShieldXIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/sign-out-button";
import { Button } from "@/components/ui/button";

/*
 * The not-found, forbidden and unauthorized pages. Next.js puts each of these boundaries into the RSC payload of
 * every page, once per root-level layout, whether or not it is shown: as client components they are a reference
 * there (a few bytes) instead of their whole rendered tree (about 8 KB of every page before; bench/README.md,
 * scenario 8). app/not-found.tsx, app/forbidden.tsx and app/unauthorized.tsx render them.
 */

function StatusPage({ icon, code, title, children, actions }: { icon: ReactNode; code?: string; title: string; children: ReactNode; actions: ReactNode }) {
  return (
    <main className="flex min-h-svh items-center justify-center p-6">
      <div className="flex max-w-md flex-col items-center gap-3 text-center">
        {icon}
        {code && <p className="text-sm font-medium text-muted-foreground">{code}</p>}
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="text-sm text-muted-foreground">{children}</p>
        <div className="flex gap-2 pt-2">{actions}</div>
      </div>
    </main>
  );
}

export function NotFoundView() {
  return (
    <StatusPage
      icon={<FileQuestionIcon className="size-8 text-muted-foreground" aria-hidden />}
      title="Page not found"
      actions={
        <Button variant="outline" asChild>
          <Link href="/">Back to the console</Link>
        </Button>
      }
    >
      It may have been removed, or the address is mistyped.
    </StatusPage>
  );
}

export function ForbiddenView() {
  return (
    <StatusPage
      icon={
        <div className="flex size-12 items-center justify-center rounded-full bg-destructive/10">
          <ShieldXIcon className="size-6 text-destructive" aria-hidden />
        </div>
      }
      code="403 · Forbidden"
      title="You don't have access to this"
      actions={
        <>
          <Button variant="outline" asChild>
            <Link href="/welcome">Go to your start page</Link>
          </Button>
          <SignOutButton />
        </>
      }
    >
      The Admit console is for platform staff and for owners and admins of an organization. If you think you should have access, ask an
      administrator.
    </StatusPage>
  );
}

export function UnauthorizedView() {
  return (
    <StatusPage
      icon={<LockIcon className="size-8 text-muted-foreground" aria-hidden />}
      code="401 · Sign-in required"
      title="Sign in to continue"
      actions={
        <Button asChild>
          <Link href="/sign-in">Sign in</Link>
        </Button>
      }
    >
      Your session has ended or you have not signed in yet.
    </StatusPage>
  );
}
