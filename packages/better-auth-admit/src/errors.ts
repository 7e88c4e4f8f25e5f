/** The codes of the `APIError`s admit()'s endpoints throw (a problem with one person is an outcome, not an error). */
const codes = {
  ORGANIZATION_PLUGIN_REQUIRED: "admit() needs better-auth's organization plugin.",
  INVITER_NOT_FOUND: "The inviter does not exist.",
  INVITER_BANNED: "The inviter is banned.",
  ORGANIZATION_NOT_FOUND: "The organization does not exist.",
  INVITER_NOT_ALLOWED: "The inviter may not invite people into this organization.",
  ADDER_NOT_FOUND: "The person adding members does not exist.",
  ADDER_BANNED: "The person adding members is banned.",
  ADDER_NOT_ALLOWED: "The person adding members may not add members to this organization.",
  ISSUER_NOT_FOUND: "The person issuing the links does not exist.",
  ISSUER_NOT_ALLOWED: "The person issuing the links may not mint sign-in links (an admin role, or a role that may impersonate).",
  INVALID_REDIRECT: "redirectTo must be a path on this site or a trusted origin.",
} as const;

type Codes = typeof codes;
export const ADMIT_ERROR_CODES = Object.fromEntries(Object.entries(codes).map(([code, message]) => [code, { code, message }])) as {
  [K in keyof Codes]: { readonly code: K; message: Codes[K] };
};
