import { ShieldAlertIcon } from "lucide-react";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** Why a sign-in link cannot be used, and the way on. */
export function LinkRefused({ message }: { message: string }) {
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
          {message} Ask the person who sent it for a new one, or{" "}
          <a className="underline underline-offset-4" href="/sign-in">
            sign in
          </a>{" "}
          another way.
        </CardDescription>
      </CardHeader>
    </Card>
  );
}
