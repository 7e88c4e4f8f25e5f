"use client";
import { UserRoundCogIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { authClient } from "@/lib/auth-client";

export function ImpersonationBanner({ targetEmail, adminEmail }: { targetEmail: string; adminEmail: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div
      role="status"
      aria-label="Impersonation"
      className="fixed bottom-4 left-1/2 z-40 flex w-max max-w-[calc(100%-2rem)] -translate-x-1/2 items-center gap-3 rounded-full border border-warning bg-background py-1.5 pr-1.5 pl-4 text-sm shadow-lg"
    >
      <UserRoundCogIcon className="size-4" aria-hidden />
      <span>
        You are impersonating <strong>{targetEmail}</strong> (signed in as {adminEmail}). Everything you do is audited.
      </span>
      <Button
        size="sm"
        variant="outline"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const { error } = await authClient.admin.stopImpersonating();
            if (error) {
              // The link was opened in a browser without the admin's own session: end the impersonation there.
              await authClient.signOut();
              toast.info("Impersonation ended", { description: "Sign in again as yourself." });
              router.replace("/sign-in");
              router.refresh();
              return;
            }
            router.replace("/");
            router.refresh();
          })
        }
      >
        Stop impersonating
      </Button>
    </div>
  );
}
