import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { listApiKeys } from "@/lib/api-keys/queries";
import { SCOPE_TEXT } from "@/lib/api-keys/schema";
import { listInvitableOrganizations } from "@/lib/invitations/queries";
import { guarded } from "@/lib/page-guard";
import { API_SCOPES, can, scopeOf } from "@/lib/permissions";
import { getCurrentActor } from "@/lib/session";
import { ApiKeysTable } from "./_components/api-keys-table";
import { CreateApiKeyDialog } from "./_components/create-api-key-dialog";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const actor = await getCurrentActor();
  const [keys, organizations] = await Promise.all([guarded(listApiKeys(actor)), listInvitableOrganizations(actor)]);
  // Only the scopes this person could use: a key never does more than its person.
  const scopes = API_SCOPES.filter((s) => {
    const where = scopeOf(actor, s);
    return where.all || where.organizationIds.length > 0;
  }).map((value) => ({ value, label: SCOPE_TEXT[value] }));
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys for the HTTP API (<a className="underline underline-offset-4" href="/api/v1/openapi.json">/api/v1</a>). A key acts as you, limited to its scopes and,
            optionally, one organization; every change made with it is audited under its name.
          </>
        }
        actions={!actor?.impersonatedBy && <CreateApiKeyDialog scopes={scopes} organizations={organizations.map((o) => ({ value: o.id, label: o.name }))} />}
      />
      <ApiKeysTable keys={keys} showOwner={can(actor, "apiKey:manage-any")} />
    </>
  );
}
