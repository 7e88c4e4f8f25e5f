/**
 * A local stand-in for the parts of Resend's HTTP API that Admit uses, so the real Resend SDK code path
 * runs in development and tests (the SDK is pointed here with RESEND_BASE_URL). It stores every accepted
 * message; the dev Outbox page and the tests read them back through `GET /_sink/emails`.
 *
 *   POST /emails            one message            -> { id }
 *   POST /emails/batch      at most 100 messages   -> { data: [{ id }] } (+ errors[] when permissive)
 *   GET  /emails/:id        one stored message
 *   GET  /_sink/emails      stored messages, newest first (?to=, ?limit=)
 *   GET  /_sink/batches     the batch calls received (?to= keeps those with a matching recipient)
 *   DELETE /_sink/emails    forget everything
 *   GET|POST /_sink/config  emulator settings: { rateLimitPerSecond, rateLimitMatch, failures: [{ status, count, retryAfter, match }] }
 *                           (`match`: only requests whose body contains this text, so parallel tests stay apart)
 *
 * Like Resend it honours `Idempotency-Key` (same key and body: the first answer again, nothing sent twice;
 * same key, other body: 409), answers 429 with `retry-after` above the configured rate, and can be told to
 * fail the next N requests with a given status, for tests and benchmarks of the sending path.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

export interface SinkMessage {
  id: string;
  createdAt: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  tags?: { name: string; value: string }[];
  headers?: Record<string, string>;
}

interface ApiError {
  statusCode: number;
  name: string;
  message: string;
}

const MAX_BATCH = 100;
// Resend accepts "a@b.c" or "Name <a@b.c>".
const ADDRESS = /^(?:[^<>]*<\s*)?([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)\s*>?$/;

export function validateMessage(raw: unknown): { message?: Omit<SinkMessage, "id" | "createdAt">; error?: ApiError } {
  const invalid = (message: string): { error: ApiError } => ({ error: { statusCode: 422, name: "validation_error", message } });
  if (!raw || typeof raw !== "object") return invalid("The request body is missing or not an object.");
  const m = raw as Record<string, unknown>;
  if (typeof m.from !== "string" || !ADDRESS.test(m.from.trim())) {
    return invalid("Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.");
  }
  const to = typeof m.to === "string" ? [m.to] : Array.isArray(m.to) ? m.to : null;
  if (!to || to.length === 0) return invalid("Missing `to` field.");
  if (to.length > 50) return invalid("Too many recipients in `to`. The maximum is 50.");
  for (const addr of to) {
    if (typeof addr !== "string" || !ADDRESS.test(addr.trim())) {
      return invalid("Invalid `to` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.");
    }
  }
  if (typeof m.subject !== "string" || m.subject.length === 0) return invalid("Missing `subject` field.");
  if (typeof m.html !== "string" && typeof m.text !== "string") return invalid("Missing `html` or `text` field.");
  return {
    message: {
      from: m.from,
      to: to as string[],
      subject: m.subject,
      html: typeof m.html === "string" ? m.html : undefined,
      text: typeof m.text === "string" ? m.text : undefined,
      tags: Array.isArray(m.tags) ? (m.tags as SinkMessage["tags"]) : undefined,
      headers: m.headers && typeof m.headers === "object" ? (m.headers as Record<string, string>) : undefined,
    },
  };
}

export interface SinkConfig {
  rateLimitPerSecond: number | null;
  rateLimitMatch?: string;
  failures: { status: number; count: number; retryAfter?: number; match?: string }[];
}

export class ResendSink {
  private messages: SinkMessage[] = [];
  private idempotent = new Map<string, { bodyHash: string; status: number; response: unknown }>();
  private recent: number[] = [];
  config: SinkConfig = { rateLimitPerSecond: null, failures: [] };
  /** Off for benchmarks: accepted messages are then neither kept in memory nor written to the outbox file. */
  keepMessages = true;
  private batches: { at: string; size: number; to: string[]; idempotencyKey?: string }[] = [];

  constructor(private readonly storeFile?: string) {
    // The outbox is for looking at recent mail: past 16 MB the file is set aside and a new one started.
    if (storeFile && fs.existsSync(storeFile) && fs.statSync(storeFile).size > 16 * 1024 * 1024) fs.renameSync(storeFile, `${storeFile}.1`);
    if (storeFile && fs.existsSync(storeFile)) {
      for (const line of fs.readFileSync(storeFile, "utf8").split("\n")) {
        if (line.trim()) this.messages.push(JSON.parse(line) as SinkMessage);
      }
    }
  }

  list(filter: { to?: string; limit?: number } = {}) {
    const to = filter.to?.toLowerCase();
    const out: SinkMessage[] = [];
    for (let i = this.messages.length - 1; i >= 0 && out.length < (filter.limit ?? 200); i--) {
      const m = this.messages[i];
      if (!to || m.to.some((t) => t.toLowerCase().includes(to))) out.push(m);
    }
    return out;
  }

  clear() {
    this.messages = [];
    if (this.storeFile) fs.rmSync(this.storeFile, { force: true });
  }

  private store(batch: Omit<SinkMessage, "id" | "createdAt">[]) {
    const stored = batch.map((m) => ({ id: randomUUID(), createdAt: new Date().toISOString(), ...m }));
    if (!this.keepMessages) return stored;
    this.messages.push(...stored);
    if (this.storeFile) {
      fs.mkdirSync(path.dirname(this.storeFile), { recursive: true });
      fs.appendFileSync(this.storeFile, stored.map((m) => JSON.stringify(m) + "\n").join(""));
    }
    return stored;
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sink");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    try {
      if (url.pathname.startsWith("/_sink/")) return await this.handleControl(req, url, send);
      if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) {
        return send(401, { statusCode: 401, name: "missing_api_key", message: "Missing API key in the authorization header." });
      }
      if (req.method === "GET" && url.pathname.startsWith("/emails/")) {
        const found = this.messages.find((m) => m.id === url.pathname.slice("/emails/".length));
        return found ? send(200, { object: "email", ...found }) : send(404, { statusCode: 404, name: "not_found", message: "Email not found" });
      }
      if (req.method !== "POST") return send(405, { statusCode: 405, name: "method_not_allowed", message: "Method not allowed" });
      const raw = await readBody(req);
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return send(400, { statusCode: 400, name: "invalid_json", message: "Invalid JSON body." });
      }
      // Injected failures first, then the rate limit, then idempotency (a replay is answered without sending).
      if (this.emulatedTrouble(raw, res, send)) return;
      const key = req.headers["idempotency-key"] ? `${url.pathname}:${req.headers["idempotency-key"]}` : null;
      const bodyHash = createHash("sha256").update(raw).digest("hex");
      if (key) {
        const seen = this.idempotent.get(key);
        if (seen && seen.bodyHash !== bodyHash) {
          return send(409, { statusCode: 409, name: "invalid_idempotent_request", message: "Same idempotency key used with a different request payload." });
        }
        if (seen) return send(seen.status, seen.response);
      }
      const remember = (status: number, response: unknown) => {
        if (key && status < 300) this.idempotent.set(key, { bodyHash, status, response });
        return send(status, response);
      };
      if (url.pathname === "/emails") {
        const { message, error } = validateMessage(body);
        if (error) return send(error.statusCode, error);
        return remember(200, { id: this.store([message!])[0].id });
      }
      if (url.pathname === "/emails/batch") {
        if (!Array.isArray(body)) return send(422, { statusCode: 422, name: "validation_error", message: "The batch must be an array of emails." });
        if (body.length === 0 || body.length > MAX_BATCH) {
          return send(422, { statusCode: 422, name: "validation_error", message: `A batch must contain between 1 and ${MAX_BATCH} emails.` });
        }
        const permissive = String(req.headers["x-batch-validation"] ?? "strict") === "permissive";
        this.batches.push({
          at: new Date().toISOString(),
          size: body.length,
          to: body.flatMap((m) => (m && typeof m === "object" ? [(m as { to?: unknown }).to].flat().map(String) : [])),
          idempotencyKey: req.headers["idempotency-key"] ? String(req.headers["idempotency-key"]) : undefined,
        });
        const checked = body.map(validateMessage);
        const errors = checked.flatMap((c, index) => (c.error ? [{ index, message: c.error.message }] : []));
        if (errors.length && !permissive) return send(422, { statusCode: 422, name: "validation_error", message: `emails[${errors[0].index}]: ${errors[0].message}` });
        const stored = this.store(checked.flatMap((c) => (c.message ? [c.message] : [])));
        return remember(200, permissive ? { data: stored.map((m) => ({ id: m.id })), errors } : { data: stored.map((m) => ({ id: m.id })) });
      }
      return send(404, { statusCode: 404, name: "not_found", message: "Route not found" });
    } catch (e) {
      return send(500, { statusCode: 500, name: "internal_server_error", message: String((e as Error).message) });
    }
  }

  /** The emulator's own routes: stored messages and batches, configuration, clearing. */
  private async handleControl(req: http.IncomingMessage, url: URL, send: (status: number, body: unknown) => void) {
    if (req.method === "GET" && url.pathname === "/_sink/emails") {
      const limit = Number(url.searchParams.get("limit") ?? 200);
      return send(200, { data: this.list({ to: url.searchParams.get("to") ?? undefined, limit }) });
    }
    if (req.method === "GET" && url.pathname === "/_sink/batches") {
      const to = url.searchParams.get("to")?.toLowerCase();
      return send(200, { data: this.batches.filter((b) => !to || b.to.some((t) => t.toLowerCase().includes(to))) });
    }
    if (url.pathname === "/_sink/config") {
      if (req.method === "POST") {
        const body = (await readJson(req)) as Partial<SinkConfig> & { keepMessages?: boolean };
        this.config = { rateLimitPerSecond: body?.rateLimitPerSecond ?? null, rateLimitMatch: body?.rateLimitMatch, failures: body?.failures ?? [] };
        if (typeof body?.keepMessages === "boolean") this.keepMessages = body.keepMessages;
      }
      return send(200, this.config);
    }
    if (req.method === "DELETE" && url.pathname === "/_sink/emails") {
      this.clear();
      return send(200, { ok: true });
    }
    return send(404, { statusCode: 404, name: "not_found", message: "Route not found" });
  }

  /** Injected failures and the emulated rate limit; true when the request was answered with one. */
  private emulatedTrouble(raw: string, res: http.ServerResponse, send: (status: number, body: unknown) => void): boolean {
    const failureIndex = this.config.failures.findIndex((f) => !f.match || raw.includes(f.match));
    const failure = this.config.failures[failureIndex];
    if (failure) {
      if (--failure.count <= 0) this.config.failures.splice(failureIndex, 1);
      if (failure.retryAfter !== undefined) res.setHeader("retry-after", String(failure.retryAfter));
      send(failure.status, { statusCode: failure.status, name: failure.status === 429 ? "rate_limit_exceeded" : "application_error", message: `Injected failure ${failure.status}` });
      return true;
    }
    if (this.config.rateLimitPerSecond && (!this.config.rateLimitMatch || raw.includes(this.config.rateLimitMatch))) {
      const now = Date.now();
      this.recent = this.recent.filter((t) => now - t < 1000);
      if (this.recent.length >= this.config.rateLimitPerSecond) {
        res.setHeader("retry-after", "1");
        send(429, { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests. You can only make a limited number of requests per second." });
        return true;
      }
      this.recent.push(now);
    }
    return false;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("error", reject);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readBody(req));
  } catch {
    return undefined;
  }
}

/** Start the sink on 127.0.0.1:port (0 picks a free port). */
export async function startResendSink(opts: { port: number; storeFile?: string }) {
  const sink = new ResendSink(opts.storeFile);
  const server = http.createServer((req, res) => void sink.handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    sink,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
