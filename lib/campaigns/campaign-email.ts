/**
 * A campaign's email, rendered once per campaign with placeholders (React email is slow to render), then
 * personalised per recipient with a few string replacements: the same bytes for the same recipient every
 * time, which the sender's exactly-once retries rely on.
 */
import { render } from "@react-email/render";
import { createElement } from "react";
import type { OutgoingEmail } from "@/lib/email/send";
import { CampaignEmail } from "@/lib/email/templates/campaign-email";
import { formatExact } from "@/lib/format";
import { renderTemplate } from "./schema";

/** What rendering needs of a campaign. */
export interface CampaignForEmail {
  id: string;
  kind: string;
  subject: string;
  message: string;
  organizationName: string;
  creatorName: string;
}

export interface RenderedTemplate {
  html: string;
  text: string;
}

const S = (name: string) => `\u0001${name}\u0001`;

/** Render the React email once with placeholders; each recipient then costs a few string replacements. */
export async function renderTemplateOnce(campaign: CampaignForEmail): Promise<RenderedTemplate> {
  const body = templateWithPlaceholders(campaign.message);
  const element = createElement(CampaignEmail, {
    preview: templateWithPlaceholders(campaign.subject),
    paragraphs: body.split(/\n{2,}/).map((p) => p.replace(/\n/g, " ")),
    buttonLabel: campaign.kind === "invitation" ? `Join ${campaign.organizationName}` : "Sign in",
    url: S("url"),
    expiresLine: `This link works once and expires on ${S("expires")}.`,
  });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}

/** {{field}} -> placeholder, keeping the field name. */
function templateWithPlaceholders(template: string) {
  return template.replace(/\{\{\s*([\w .-]+?)\s*\}\}/g, (_, key: string) => S(`f:${key}`));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!);

export function personalise(
  t: RenderedTemplate,
  campaign: CampaignForEmail,
  r: { email: string; name: string | null; fields: unknown },
  link: { url: string; expiresAt: Date },
): OutgoingEmail {
  const fields: Record<string, string | undefined> = {
    ...(r.fields as Record<string, string>),
    name: r.name || r.email.split("@")[0],
    email: r.email,
    organization: campaign.organizationName,
    inviter: campaign.creatorName,
  };
  const fill = (s: string, escape: boolean) =>
    s.replace(/\u0001([^\u0001]+)\u0001/g, (_, key: string) => {
      const value = key === "url" ? link.url : key === "expires" ? formatExact(link.expiresAt) : key.startsWith("f:") ? renderTemplate(`{{${key.slice(2)}}}`, fields) : "";
      return escape ? escapeHtml(value) : value;
    });
  return {
    to: r.email,
    subject: renderTemplate(campaign.subject, fields).slice(0, 200),
    html: fill(t.html, true),
    text: fill(t.text, false),
    tags: [{ name: "campaign", value: campaign.id }],
  };
}
