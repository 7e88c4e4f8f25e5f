/**
 * The package's own link table (`signInLink`, declared in the plugin's schema) through the application's
 * adapter: where `issueSignInLinks` writes and `redeemSignInLink` reads, uses and settles.
 */
import type { AuthContext } from "better-auth";
import { newUserData, newUserDefaults, type User } from "../acting.ts";
import type { LinkIssueStore } from "./issue.ts";
import type { LinkState, LinkUseStore } from "./redeem.ts";

export const signInLinkSchema = {
  signInLink: {
    fields: {
      tokenHash: { type: "string", required: true, unique: true },
      userId: { type: "string", required: true, references: { model: "user", field: "id", onDelete: "cascade" } },
      issuedById: { type: "string", required: true },
      purpose: { type: "string", required: true },
      redirectTo: { type: "string", required: false },
      expiresAt: { type: "date", required: true },
      uses: { type: "number", required: true, defaultValue: 0 },
      usedAt: { type: "date", required: false },
      revokedAt: { type: "date", required: false },
      createdAt: { type: "date", required: true },
    },
  },
} as const;

export type StoredLink = { id: string; tokenHash: string; userId: string; issuedById: string; purpose: string; redirectTo?: string | null; expiresAt: Date; uses: number; revokedAt?: Date | null };

const stateOf = (link: StoredLink | null, now = new Date()): LinkState | null =>
  !link ? "unknown" : link.revokedAt ? "revoked" : link.uses > 0 ? "used" : new Date(link.expiresAt) <= now ? "expired" : null;

/** Writes through the adapter's transaction: accounts as the admin plugin makes them (verified, no password), then one row per link. */
export const adapterIssueStore = (context: AuthContext): LinkIssueStore => ({
  transaction: (write) =>
    context.adapter.transaction((trx) =>
      write({
        createUsers: async (people) => {
          const defaults = newUserDefaults(context);
          const users: User[] = [];
          for (const p of people) users.push(await trx.create<Record<string, unknown>, User>({ model: "user", data: newUserData({ ...p, createdAt: new Date(), defaults }) }));
          return users;
        },
        insertLinks: async (links) => {
          const ids: string[] = [];
          for (const { email: _email, ...row } of links) ids.push((await trx.create<Record<string, unknown>, { id: string }>({ model: "signInLink", data: { ...row, uses: 0 } })).id);
          return ids;
        },
      }),
    ),
});

export const adapterUseStore = (context: AuthContext): LinkUseStore<StoredLink> => {
  const adapter = context.adapter;
  const find = (tokenHash: string) => adapter.findOne<StoredLink>({ model: "signInLink", where: [{ field: "tokenHash", value: tokenHash }] });
  const user = (id: string) => adapter.findOne<User>({ model: "user", where: [{ field: "id", value: id }] });
  return {
    async usable(tokenHash) {
      const link = await find(tokenHash);
      if (!link || stateOf(link)) return null;
      const [target, issuer] = await Promise.all([user(link.userId), user(link.issuedById)]);
      return { link, target, issuer };
    },
    state: async (tokenHash) => stateOf(await find(tokenHash)) ?? "used",
    async refuse(link) {
      await adapter.update({ model: "signInLink", where: [{ field: "id", value: link.id }], update: { revokedAt: new Date() } });
    },
    async use(link) {
      const now = new Date();
      const won = await adapter.incrementOne({
        model: "signInLink",
        where: [{ field: "id", value: link.id }, { field: "uses", operator: "lt", value: 1 }, { field: "revokedAt", value: null }, { field: "expiresAt", operator: "gt", value: now }],
        increment: { uses: 1 },
        set: { usedAt: now },
      });
      return !!won;
    },
    async settle(link, result) {
      if ("session" in result) return;
      await adapter.update({ model: "signInLink", where: [{ field: "id", value: link.id }], update: result.revoke ? { revokedAt: new Date() } : { uses: 0, usedAt: null } });
    },
  };
};

/** Who revokes: whoever may mint a link for its person. Each id answers revoked, not_found, already_used or refused. */
export async function revokeStoredLinks(context: AuthContext, revoker: User, linkIds: string[], mayRevoke: (target: User) => Promise<boolean>) {
  const results: { linkId: string; status: "revoked" | "not_found" | "already_used" | "refused" }[] = [];
  for (const linkId of [...new Set(linkIds)]) {
    const link = await context.adapter.findOne<StoredLink>({ model: "signInLink", where: [{ field: "id", value: linkId }] });
    const target = link && (await context.adapter.findOne<User>({ model: "user", where: [{ field: "id", value: link.userId }] }));
    if (!link || !target) results.push({ linkId, status: "not_found" });
    else if (link.uses > 0) results.push({ linkId, status: "already_used" });
    else if (!(await mayRevoke(target))) results.push({ linkId, status: "refused" });
    else {
      await context.adapter.update({ model: "signInLink", where: [{ field: "id", value: linkId }], update: { revokedAt: new Date() } });
      results.push({ linkId, status: "revoked" });
    }
  }
  return results;
}
