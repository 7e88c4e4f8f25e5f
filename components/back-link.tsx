import { ArrowLeftIcon } from "lucide-react";
import Link from "next/link";

/** "← Campaigns": the way back to the list a detail page belongs to. */
export function BackLink({ href, children }: { href: string; children: string }) {
  return (
    <Link href={href} className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeftIcon className="size-4" aria-hidden /> {children}
    </Link>
  );
}
