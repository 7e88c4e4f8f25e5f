import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/page-header";
import { guarded } from "@/lib/page-guard";
import { getCurrentActor } from "@/lib/session";
import { listUsers } from "@/lib/users/queries";
import { UsersTable } from "./_components/users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await guarded(listUsers(await getCurrentActor(), await searchParams));
  return (
    <>
      <PageHeader title="Users" description="Everyone with an account in the application, their platform role and organizations." />
      <UsersTable {...page} />
    </>
  );
}
