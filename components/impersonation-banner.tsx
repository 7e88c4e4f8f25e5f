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
    <div role="status" className="flex items-center justify-center gap-3 bg-warning/25 px-4 py-2 text-sm">
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
              toast.error("Could not stop impersonating", { description: "Sign out and sign in again as yourself." });
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
