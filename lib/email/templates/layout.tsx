import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

const styles = {
  body: { backgroundColor: "#f4f4f5", fontFamily: "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', sans-serif" },
  container: { backgroundColor: "#ffffff", border: "1px solid #e4e4e7", borderRadius: 8, margin: "32px auto", maxWidth: 520, padding: 32 },
  brand: { color: "#18181b", fontSize: 14, fontWeight: 600, letterSpacing: 0.2, margin: 0 },
  footer: { color: "#71717a", fontSize: 12, lineHeight: "18px", margin: 0 },
};

export const emailText = {
  heading: { color: "#18181b", fontSize: 20, fontWeight: 600, margin: "24px 0 12px" },
  paragraph: { color: "#3f3f46", fontSize: 14, lineHeight: "22px", margin: "0 0 12px" },
  muted: { color: "#71717a", fontSize: 12, lineHeight: "18px", margin: "12px 0 0" },
  button: {
    backgroundColor: "#18181b",
    borderRadius: 6,
    color: "#fafafa",
    display: "inline-block",
    fontSize: 14,
    fontWeight: 600,
    padding: "10px 18px",
    textDecoration: "none",
  },
  link: { color: "#2563eb", fontSize: 12, wordBreak: "break-all" as const },
};

/** The frame every Admit email shares: preview text, brand line, card, footer. */
export function EmailLayout({ preview, children, footer }: { preview: string; children: ReactNode; footer?: string }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Admit</Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#e4e4e7", margin: "24px 0 16px" }} />
          <Text style={styles.footer}>
            {footer ?? "If you did not expect this email, you can ignore it: nothing happens until the link is used."}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
