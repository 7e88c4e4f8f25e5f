import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/page-header";
import { guarded } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { getCurrentActor } from "@/lib/session";
import { listUsers } from "@/lib/users/queries";
import { UsersTable } from "../_components/users-table";
import { forClient } from "@/lib/data-table/params";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await getCurrentActor();
  const page = await guarded(listUsers(actor, await searchParams));
  const [mayIssueLinks, mayImpersonate, mayBan] = await Promise.all([can(actor, "signInLink:create"), can(actor, "signInLink:impersonate"), can(actor, "user:ban")]);
  return (
    <>
      <PageHeader title="Users" description="Everyone with an account in the application, their platform role and organizations." />
      <UsersTable {...forClient(page)} mayIssueLinks={mayIssueLinks} mayImpersonate={mayImpersonate} mayBan={mayBan} />
    </>
  );
}
