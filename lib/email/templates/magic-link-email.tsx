import { Button, Link, Text } from "@react-email/components";
import { EmailLayout, emailText } from "./layout";

export interface MagicLinkEmailProps {
  url: string;
  email: string;
  expiresInMinutes: number;
}

export function MagicLinkEmail({
  url = "https://admit.example.com/api/auth/magic-link/verify?token=example",
  email = "ada@example.com",
  expiresInMinutes = 15,
}: Partial<MagicLinkEmailProps>) {
  return (
    <EmailLayout preview="Your sign-in link for Admit">
      <Text style={emailText.heading}>Sign in to Admit</Text>
      <Text style={emailText.paragraph}>
        Use the button below to sign in as <strong>{email}</strong>. The link works once and expires in{" "}
        {expiresInMinutes} minutes.
      </Text>
      <Button href={url} style={emailText.button}>
        Sign in
      </Button>
      <Text style={emailText.muted}>
        Or paste this address into your browser: <Link href={url} style={emailText.link}>{url}</Link>
      </Text>
    </EmailLayout>
  );
}
