"use client";
import { LogOutIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { callAction } from "@/lib/call-action";
import { revokeUserSessionsAction } from "@/lib/users/actions";

/** Ends one session (the person is signed out on that device). */
export function RevokeSession({ userId, sessionId }: { userId: string; sessionId: string }) {
  const router = useRouter();
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-label="Sign out this session"
      onClick={async () => {
        const res = await callAction(revokeUserSessionsAction({ userId, sessionId }));
        if (res.ok) toast.success("Session ended");
        else toast.error("Not done", { description: res.error });
        router.refresh();
      }}
    >
      <LogOutIcon /> Sign out
    </Button>
  );
}
