import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppError } from "@/lib/errors";
import { authorize, type Permission } from "@/lib/permissions";
import { getCurrentActor } from "@/lib/session";

/**
 * For server components: turn the permission and lookup errors of a query into Next's 401/403/404
 * responses, so a page never shows a stack trace for "you may not see this".
 *
 * The status code is sent with the first byte, so a page's 403 or 404 must be decided before anything
 * streams: each console segment's layout asks here (`permissionGate`, or `guarded` on the detail page's
 * own query), outside the segment's loading boundary. The page then asks again for its data.
 */
export async function guarded<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof AppError) {
      if (e.status === 401) redirect("/sign-in");
      if (e.status === 403) forbidden();
      if (e.status === 404) notFound();
    }
    throw e;
  }
}

/** A segment layout that answers 403 unless the actor holds this permission (somewhere). */
export function permissionGate(permission: Permission) {
  return async function PermissionGate({ children }: { children: ReactNode }) {
    await guarded(authorize(await getCurrentActor(), permission));
    return children;
  };
}
