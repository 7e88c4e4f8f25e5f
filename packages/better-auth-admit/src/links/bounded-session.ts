import type { BetterAuthOptions } from "better-auth";

type SessionUpdate = Record<string, unknown> & { expiresAt?: Date | string | number };
type Current = { impersonatedBy?: string | null; expiresAt?: Date | string; updatedAt?: Date | string } | undefined;

/**
 * better-auth refreshes a session read from the database once `expiresAt - expiresIn + updateAge` has passed.
 * An impersonation session (an hour, the admin plugin's or a link's) passes it on its first read, so it would
 * be renewed to the full session length: by a server action, or by any client that leaves out the
 * don't-remember cookie. The end of a session someone is impersonating in never moves later. A plugin's
 * `init` hands these to better-auth (`databaseHooks`); the session being refreshed is the request's own.
 */
export const impersonationStaysBounded: NonNullable<BetterAuthOptions["databaseHooks"]> = {
  session: {
    update: {
      before: async (data: SessionUpdate, ctx) => {
        const current = (ctx?.context as { session?: { session?: Current } } | undefined)?.session?.session;
        if (!current?.impersonatedBy || data.expiresAt === undefined || current.expiresAt === undefined) return;
        // A renewal past its end writes the row as it was (not even `updatedAt` moves): nothing was renewed.
        if (new Date(data.expiresAt).getTime() < new Date(current.expiresAt).getTime()) return;
        return { data: { ...data, expiresAt: new Date(current.expiresAt), ...(current.updatedAt ? { updatedAt: new Date(current.updatedAt) } : {}) } };
      },
    },
  },
};
