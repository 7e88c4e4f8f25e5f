/**
 * A webhook receiver for tests: a local HTTP server that verifies each request's Standard Webhooks signature
 * with the `standardwebhooks` library (as an application would), keeps what it accepted, and can be told to
 * answer errors (or be closed) to play a receiver that is down.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface Received {
  id: string;
  type: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
}

export async function startReceiver() {
  const state = { secret: "", failWith: 0, hang: false, accepted: [] as Received[], rejected: 0, requests: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      state.requests++;
      if (state.hang) return; // never answers: the sender is killed while waiting
      const body = Buffer.concat(chunks).toString("utf8");
      if (state.failWith) {
        res.writeHead(state.failWith).end("down for maintenance");
        return;
      }
      try {
        const payload = new Webhook(state.secret).verify(body, {
          "webhook-id": String(req.headers["webhook-id"] ?? ""),
          "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""),
          "webhook-signature": String(req.headers["webhook-signature"] ?? ""),
        }) as Received["payload"];
        state.accepted.push({ id: String(req.headers["webhook-id"]), type: payload.type, payload });
        res.writeHead(204).end();
      } catch {
        state.rejected++;
        res.writeHead(400).end("bad signature");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
