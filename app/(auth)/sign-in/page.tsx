import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeRedirectPath as safeNext } from "@/lib/redirects";
import { getCurrentActor } from "@/lib/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  INVALID_TOKEN: "That sign-in link is invalid, expired or already used. Request a new one below.",
  EXPIRED_TOKEN: "That sign-in link has expired. Request a new one below.",
  new_user_signup_disabled: "There is no account for that email. Accounts are created by invitation.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; next?: string }> }) {
  const { error, next } = await searchParams;
  if (await getCurrentActor()) redirect(safeNext(next));
  return <SignInForm initialError={error ? (ERRORS[error] ?? "Sign-in failed. Please try again.") : undefined} next={safeNext(next)} />;
}
