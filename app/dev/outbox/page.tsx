import { InboxIcon } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { listSinkMessages } from "@/lib/dev/resend-sink/client";
import { env } from "@/lib/env";

/** Development only: in production the page does not exist, down to its title. */
export async function generateMetadata(): Promise<Metadata> {
  return env.devTools ? { title: "Dev outbox" } : {};
}
export const dynamic = "force-dynamic";

/**
 * Development only (lib/env.ts `devTools`: development, or the loopback test deployment, without a
 * RESEND_API_KEY): the messages the local Resend sink accepted, newest first, with their links clickable.
 * Public on purpose there, so a magic link can be read before signing in; a production process answers 404.
 */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  if (!env.devTools) notFound();
  const { to } = await searchParams;
  const messages = await listSinkMessages({ to, limit: 50 });
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-6 p-6 lg:p-8">
      <PageHeader
        title="Dev outbox"
        description="Email sent by Admit while no RESEND_API_KEY is set. Nothing here left this machine."
        actions={<Badge variant="warning">development</Badge>}
      />
      <form className="flex gap-2" role="search">
        <label htmlFor="to" className="sr-only">
          Filter by recipient
        </label>
        <input id="to" name="to" defaultValue={to} placeholder="Filter by recipient" className="h-9 w-72 rounded-md border bg-transparent px-3 text-sm" />
        <button className="h-9 rounded-md border px-3 text-sm hover:bg-accent">Filter</button>
      </form>
      {messages.length === 0 ? (
        <div className="rounded-md border">
          <EmptyState icon={InboxIcon} title="No messages" description="Sign-in links and invitations appear here when they are sent." />
        </div>
      ) : (
        <ul className="flex flex-col gap-4">
          {messages.map((m) => (
            <li key={m.id} className="overflow-hidden rounded-lg border" data-testid="outbox-message">
              <div className="flex flex-wrap items-center justify-between gap-2 border-b bg-muted/40 px-4 py-2 text-sm">
                <span>
                  <span className="text-muted-foreground">To</span> <strong data-testid="outbox-to">{m.to.join(", ")}</strong> ·{" "}
                  <span data-testid="outbox-subject">{m.subject}</span>
                </span>
                <RelativeTime date={m.createdAt} className="text-muted-foreground" />
              </div>
              <iframe title={`Email: ${m.subject}`} srcDoc={m.html ?? `<pre>${m.text ?? ""}</pre>`} sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" className="h-96 w-full bg-white" />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
