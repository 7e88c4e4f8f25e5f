import { Link2Icon } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { authorize } from "@/lib/permissions";
import { guarded } from "@/lib/page-guard";
import { getCurrentActor } from "@/lib/session";

export const metadata: Metadata = { title: "Sign-in links" };

export default async function SignInLinksPage() {
  await guarded(authorize(await getCurrentActor(), "signInLink:read"));
  return (
    <>
      <PageHeader title="Sign-in links" description="One-time links that sign a person in: welcome links, support and audited impersonation." />
      <div className="rounded-md border">
        <EmptyState icon={Link2Icon} title="No sign-in links yet" description="Issuing sign-in links is not available in this version of Admit yet." />
      </div>
    </>
  );
}
