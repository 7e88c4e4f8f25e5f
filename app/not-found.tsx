import { FileQuestionIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-svh items-center justify-center p-6">
      <div className="flex max-w-md flex-col items-center gap-3 text-center">
        <FileQuestionIcon className="size-8 text-muted-foreground" aria-hidden />
        <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
        <p className="text-sm text-muted-foreground">It may have been removed, or the address is mistyped.</p>
        <Button variant="outline" asChild>
          <Link href="/">Back to the console</Link>
        </Button>
      </div>
    </main>
  );
}
