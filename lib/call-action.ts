import type { ActionResult } from "@/lib/safe-action";

export const NO_ANSWER = "The server did not answer. Check your connection and try again.";

/**
 * Every server action the browser calls goes through here: a request that gets no answer (the network,
 * a body the server refused, a crash) becomes an ordinary failed result, so no spinner waits forever and
 * the person is told.
 */
export async function callAction<T>(pending: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await pending;
  } catch {
    return { ok: false, error: NO_ANSWER };
  }
}
