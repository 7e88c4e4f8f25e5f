import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/page-header";
import { listInvitations } from "@/lib/invitations/queries";
import { guarded } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { getCurrentActor } from "@/lib/session";
import { InvitationsTable } from "./_components/invitations-table";
import { InviteDialog } from "./_components/invite-dialog";
import { forClient } from "@/lib/data-table/params";

export const metadata: Metadata = { title: "Invitations" };

export default async function InvitationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await getCurrentActor();
  const page = await guarded(listInvitations(actor, await searchParams));
  return (
    <>
      <PageHeader
        title="Invitations"
        description="Every invitation with its status and expiry. Expired means still pending but past its expiry."
        actions={<InviteDialog mayInvite={can(actor, "invitation:create")} />}
      />
      <InvitationsTable {...forClient(page)} />
    </>
  );
}
