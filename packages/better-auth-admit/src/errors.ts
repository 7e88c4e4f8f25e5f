/** The codes of the `APIError`s admit()'s endpoints throw (a problem with one person is an outcome, not an error). */
const codes = {
  ORGANIZATION_PLUGIN_REQUIRED: "createInvitations needs better-auth's organization plugin.",
  INVITER_NOT_FOUND: "The inviter does not exist.",
  INVITER_BANNED: "The inviter is banned.",
  ORGANIZATION_NOT_FOUND: "The organization does not exist.",
  INVITER_NOT_ALLOWED: "The inviter may not invite people into this organization.",
} as const;

type Codes = typeof codes;
export const ADMIT_ERROR_CODES = Object.fromEntries(Object.entries(codes).map(([code, message]) => [code, { code, message }])) as {
  [K in keyof Codes]: { readonly code: K; message: Codes[K] };
};
