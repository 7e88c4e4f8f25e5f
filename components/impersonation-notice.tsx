import { impersonatorEmail } from "@/lib/actor";
import { getCurrentActor } from "@/lib/session";
import { ImpersonationBanner } from "./impersonation-banner";

/** On every page while an admin is impersonating someone: who, by whom, and the way back. */
export async function ImpersonationNotice() {
  const actor = await getCurrentActor();
  if (!actor?.impersonatedBy) return null;
  return <ImpersonationBanner targetEmail={actor.email} adminEmail={(await impersonatorEmail(actor)) ?? "an administrator"} />;
}
