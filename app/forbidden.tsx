import { ShieldXIcon } from "lucide-react";
import Link from "next/link";
import { SignOutButton } from "@/components/sign-out-button";
import { Button } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <main className="flex min-h-svh items-center justify-center p-6">
      <div className="flex max-w-md flex-col items-center gap-3 text-center">
        <div className="flex size-12 items-center justify-center rounded-full bg-destructive/10">
          <ShieldXIcon className="size-6 text-destructive" aria-hidden />
        </div>
        <p className="text-sm font-medium text-muted-foreground">403 · Forbidden</p>
        <h1 className="text-2xl font-semibold tracking-tight">You don&apos;t have access to this</h1>
        <p className="text-sm text-muted-foreground">
          The Admit console is for platform staff and for owners and admins of an organization. If you think you should have access,
          ask an administrator.
        </p>
        <div className="flex gap-2 pt-2">
          <Button variant="outline" asChild>
            <Link href="/welcome">Go to your start page</Link>
          </Button>
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
