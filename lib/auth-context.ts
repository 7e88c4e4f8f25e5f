/**
 * better-auth's context (its adapter, options, ids and tables) for domain code that runs one of
 * better-auth-admit's operations (packages/better-auth-admit), the same code an application runs. Part of
 * the better-auth wiring: loaded when first asked, because the auth instance itself imports the domain layer
 * (through Admit's plugin).
 */
import type { AuthContext } from "better-auth";

export async function authContext(): Promise<AuthContext> {
  const { auth } = await import("@/lib/auth");
  // Typed for Admit's exact options; the package takes any better-auth configuration.
  return (await auth.$context) as unknown as AuthContext;
}
