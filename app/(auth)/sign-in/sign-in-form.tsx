"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { LoaderCircleIcon, MailIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { RetryNotice } from "@/components/retry-notice";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Separator } from "@/components/ui/separator";
import { authClient } from "@/lib/auth-client";
import { retryAfterOf } from "@/lib/retry-after";

const schema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  password: z.string(),
});
type Values = z.infer<typeof schema>;

export function SignInForm({ initialError, next }: { initialError?: string; next: string }) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  // Set when better-auth's rate limit answered 429: the wait in seconds, shown counting down.
  const [retry, setRetry] = useState<{ seconds: number; at: number }>();
  const rateLimited = { onError: (ctx: { response: Response }) => void (ctx.response.status === 429 && setRetry({ seconds: retryAfterOf(ctx.response.headers), at: Date.now() })) };
  const [linkSentTo, setLinkSentTo] = useState<string>();
  const [sendingLink, setSendingLink] = useState(false);
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: "", password: "" } });

  const signIn = form.handleSubmit(async ({ email, password }) => {
    if (!password) {
      form.setError("password", { message: "Enter your password, or use an email link." });
      return;
    }
    setError(undefined);
    setRetry(undefined);
    const { error } = await authClient.signIn.email({ email, password }, rateLimited);
    if (error) {
      if (error.status !== 429) setError("Wrong email or password.");
      return;
    }
    router.replace(next);
    router.refresh();
  });

  const sendLink = async () => {
    const valid = await form.trigger("email");
    if (!valid) return;
    const email = form.getValues("email").trim().toLowerCase();
    setSendingLink(true);
    setError(undefined);
    setRetry(undefined);
    const { error } = await authClient.signIn.magicLink({ email, callbackURL: next, errorCallbackURL: "/sign-in" }, rateLimited);
    setSendingLink(false);
    if (error) {
      if (error.status !== 429) setError("Could not send the link. Try again.");
      return;
    }
    setLinkSentTo(email);
    toast.success("Check your email", { description: `If ${email} has an account, a sign-in link is on its way.` });
  };

  const { errors, isSubmitting } = form.formState;
  return (
    <Card>
      <CardHeader>
        <CardTitle level={1} className="text-xl">Sign in</CardTitle>
        <CardDescription>Use your password, or get a one-time link by email.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={signIn} noValidate>
          <FieldGroup>
            <Notices retry={retry} error={error} linkSentTo={linkSentTo} />
            <Field data-invalid={!!errors.email}>
              <FieldLabel htmlFor="email">Email</FieldLabel>
              <Input id="email" type="email" autoComplete="email" autoFocus aria-invalid={!!errors.email} aria-describedby="email-error" {...form.register("email")} />
              <FieldError id="email-error" errors={[errors.email]} />
            </Field>
            <Field data-invalid={!!errors.password}>
              <FieldLabel htmlFor="password">Password</FieldLabel>
              <Input id="password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} aria-describedby="password-error" {...form.register("password")} />
              <FieldError id="password-error" errors={[errors.password]} />
            </Field>
            <Button type="submit" disabled={isSubmitting} className="w-full">
              {isSubmitting && <LoaderCircleIcon className="animate-spin" />}
              Sign in
            </Button>
            <OrSeparator />
            <Button type="button" variant="outline" className="w-full" onClick={sendLink} disabled={sendingLink}>
              {sendingLink ? <LoaderCircleIcon className="animate-spin" /> : <MailIcon />}
              Email me a sign-in link
            </Button>
          </FieldGroup>
        </form>
      </CardContent>
    </Card>
  );
}

/** What the last attempt came to: wait (counting down), an error, or a link on its way. */
function Notices({ retry, error, linkSentTo }: { retry?: { seconds: number; at: number }; error?: string; linkSentTo?: string }) {
  return (
    <>
      {retry && <RetryNotice key={retry.at} seconds={retry.seconds} />}
      {error && (
        <p role="alert" className="rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm text-destructive">
          {error}
        </p>
      )}
      {linkSentTo && (
        <p role="status" className="rounded-md border bg-muted px-3 py-2 text-sm">
          We sent a sign-in link to <strong>{linkSentTo}</strong>. It works once and expires in 15 minutes.
        </p>
      )}
    </>
  );
}

function OrSeparator() {
  return (
    <div className="flex items-center gap-3 text-xs text-muted-foreground">
      <Separator className="flex-1" />
      or
      <Separator className="flex-1" />
    </div>
  );
}
