import { Button, Link, Text } from "@react-email/components";
import { formatExact } from "@/lib/format";
import { EmailLayout, emailText } from "./layout";

export interface SignInLinkEmailProps {
  url: string;
  email: string;
  expiresAt: Date;
  welcome: boolean;
  issuerEmail: string;
}

export function SignInLinkEmail({
  url = "https://admit.example.com/link/example",
  email = "ada@example.com",
  expiresAt = new Date(Date.now() + 86400e3),
  welcome = false,
  issuerEmail = "support@example.com",
}: Partial<SignInLinkEmailProps>) {
  return (
    <EmailLayout preview={welcome ? "Welcome! Here is your sign-in link" : "Your sign-in link"}>
      <Text style={emailText.heading}>{welcome ? "Welcome aboard" : "Your sign-in link"}</Text>
      <Text style={emailText.paragraph}>
        {welcome ? "An account was created for " : "Use this link to sign in as "}
        <strong>{email}</strong>
        {welcome ? ". Use the button below to sign in for the first time." : "."} It works once and expires on {formatExact(expiresAt)}.
      </Text>
      <Button href={url} style={emailText.button}>
        Sign in
      </Button>
      <Text style={emailText.muted}>Sent at the request of {issuerEmail}.</Text>
      <Text style={emailText.muted}>
        Or paste this address into your browser: <Link href={url} style={emailText.link}>{url}</Link>
      </Text>
    </EmailLayout>
  );
}
