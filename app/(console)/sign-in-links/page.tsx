import { LinkIcon } from "lucide-react";
import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { IssueLinksDialog } from "@/components/issue-links-dialog";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { guarded } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { getCurrentActor } from "@/lib/session";
import { listSignInLinks } from "@/lib/sign-in-links/queries";
import { SignInLinksTable } from "./_components/sign-in-links-table";
import { forClient } from "@/lib/data-table/params";

export const metadata: Metadata = { title: "Sign-in links" };

export default async function SignInLinksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await getCurrentActor();
  const page = await guarded(listSignInLinks(actor, await searchParams));
  const [mayIssue, mayImpersonate, mayRevoke] = await Promise.all([
    can(actor, "signInLink:create"),
    can(actor, "signInLink:impersonate"),
    can(actor, "signInLink:revoke"),
  ]);
  return (
    <>
      <PageHeader
        title="Sign-in links"
        description="One-time links that sign a person in: welcome links, support and audited impersonation."
        actions={
          mayIssue && (
            <IssueLinksDialog
              allowImpersonation={mayImpersonate}
              trigger={
                <Button>
                  <LinkIcon /> Issue links
                </Button>
              }
            />
          )
        }
      />
      <SignInLinksTable {...forClient(page)} mayRevoke={mayRevoke} />
    </>
  );
}
