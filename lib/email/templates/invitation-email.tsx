import { Button, Link, Text } from "@react-email/components";
import { formatExact } from "@/lib/format";
import { EmailLayout, emailText } from "./layout";

export interface InvitationEmailProps {
  url: string;
  organizationName: string;
  inviterName: string;
  inviterEmail: string;
  role: string;
  expiresAt: Date;
  /** A reminder (lib/invitations/reminders.ts): says the invitation expires soon. */
  reminder?: boolean;
}

export function InvitationEmail({
  url = "https://admit.example.com/invite/example",
  organizationName = "Acme Inc",
  inviterName = "Olivia Owner",
  inviterEmail = "olivia@acme.example",
  role = "member",
  expiresAt = new Date(Date.now() + 7 * 86400e3),
  reminder = false,
}: Partial<InvitationEmailProps>) {
  return (
    <EmailLayout preview={reminder ? `Your invitation to join ${organizationName} expires soon` : `${inviterName || inviterEmail} invited you to join ${organizationName}`}>
      <Text style={emailText.heading}>{reminder ? `Reminder: join ${organizationName}` : `Join ${organizationName}`}</Text>
      {reminder && <Text style={emailText.paragraph}>Your invitation has not been answered yet, and it expires soon.</Text>}
      <Text style={emailText.paragraph}>
        <strong>{inviterName || inviterEmail}</strong> ({inviterEmail}) invited you to join <strong>{organizationName}</strong> as{" "}
        {role === "admin" || role === "owner" ? "an" : "a"} <strong>{role}</strong>.
      </Text>
      <Button href={url} style={emailText.button}>
        View invitation
      </Button>
      <Text style={emailText.muted}>This invitation expires on {formatExact(expiresAt)}.</Text>
      <Text style={emailText.muted}>
        Or paste this address into your browser: <Link href={url} style={emailText.link}>{url}</Link>
      </Text>
    </EmailLayout>
  );
}
