import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/page-header";
import { listInvitations } from "@/lib/invitations/queries";
import { guarded } from "@/lib/page-guard";
import { getCurrentActor } from "@/lib/session";
import { InvitationsTable } from "./_components/invitations-table";

export const metadata: Metadata = { title: "Invitations" };

export default async function InvitationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await guarded(listInvitations(await getCurrentActor(), await searchParams));
  return (
    <>
      <PageHeader title="Invitations" description="Every invitation with its status and expiry. Expired means pending past its expiry." />
      <InvitationsTable {...page} />
    </>
  );
}
