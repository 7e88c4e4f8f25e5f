import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";

/**
 * For server components: turn the permission and lookup errors of a query into Next's 401/403/404
 * responses, so a page never shows a stack trace for "you may not see this".
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
