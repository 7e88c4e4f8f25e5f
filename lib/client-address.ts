/**
 * The client's address, in one place (rate limits, the audit log, link use). Admit trusts the first
 * X-Forwarded-For entry (then X-Real-IP), as better-auth's own limiter does (`advanced.ipAddress` in
 * lib/auth.ts): run it behind a proxy that sets the header and strips clients' own (README, Security).
 */
export function clientAddress(headers: Headers | null | undefined): string | null {
  return headers?.get("x-forwarded-for")?.split(",")[0]?.trim() || headers?.get("x-real-ip") || null;
}
