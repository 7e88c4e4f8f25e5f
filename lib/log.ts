/**
 * Server logging that never writes a secret. Raw link tokens (43 base64url characters), invitation and
 * other ids (32+ characters of letters and digits) and anything that looks like a token in a URL are
 * replaced before a line is written, because error messages (Prisma's, better-auth's) quote the values
 * they were given. Use `logError` instead of `console.error(e)` on the server.
 */
const TOKENISH = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const URL_SECRET = /([?&](?:token|code|invitationId|id)=)[^&\s"']+/gi;

export function redact(text: string): string {
  return text.replace(URL_SECRET, "$1[redacted]").replace(TOKENISH, "[redacted]").replace(UUID, "[redacted]");
}

function describe(value: unknown): string {
  if (value instanceof Error) {
    // The stack's first line repeats the message; keep only the frames after it.
    const frames = (value.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l)).slice(0, 8).join("\n");
    const cause = value.cause ? `\ncaused by: ${describe(value.cause)}` : "";
    return `${value.name}: ${value.message}${frames ? `\n${frames}` : ""}${cause}`;
  }
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

const line = (scope: string, values: unknown[]) => redact(`[${scope}] ${values.map(describe).join(" ")}`);

export function logError(scope: string, ...values: unknown[]) {
  console.error(line(scope, values));
}

export function logWarn(scope: string, ...values: unknown[]) {
  console.warn(line(scope, values));
}
