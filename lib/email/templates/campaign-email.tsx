import { Button, Link, Text } from "@react-email/components";
import { EmailLayout, emailText } from "./layout";

export interface CampaignEmailProps {
  preview: string;
  paragraphs: string[];
  buttonLabel: string;
  url: string;
  expiresLine: string;
}

/** A campaign message: the owner's text (already filled in per recipient), the link, and its expiry. */
export function CampaignEmail({
  preview = "You're invited",
  paragraphs = ["Hi Ada,", "You're invited to join Acme Inc."],
  buttonLabel = "Accept invitation",
  url = "https://admit.example.com/link/example",
  expiresLine = "This link works once and expires on 30 Nov 2026.",
}: Partial<CampaignEmailProps>) {
  return (
    <EmailLayout preview={preview}>
      {paragraphs.map((p, i) => (
        <Text key={i} style={emailText.paragraph}>
          {p}
        </Text>
      ))}
      <Button href={url} style={emailText.button}>
        {buttonLabel}
      </Button>
      <Text style={emailText.muted}>{expiresLine}</Text>
      <Text style={emailText.muted}>
        Or paste this address into your browser: <Link href={url} style={emailText.link}>{url}</Link>
      </Text>
    </EmailLayout>
  );
}
