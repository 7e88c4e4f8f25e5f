/** Whether a user's ban is in force now (a ban with an expiry in the past is over). Pure: safe anywhere. */
export function isBannedNow(user: { banned?: boolean | null; banExpires?: Date | string | null } | null | undefined, now = new Date()) {
  return !!user?.banned && (!user.banExpires || new Date(user.banExpires) > now);
}
