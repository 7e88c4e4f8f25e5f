/**
 * The stock application's HTTP server: better-auth's Node handler on /api/auth/*, and two pages of its own:
 * /me (who the session cookie belongs to, through auth.api.getSession) and /accept-invitation/:id (the
 * application's accept page, calling better-auth's stock acceptInvitation with the visitor's session).
 */
import { createServer } from "node:http";
import { fromNodeHeaders, toNodeHandler } from "better-auth/node";
import { auth } from "./auth";

const handler = toNodeHandler(auth);
const port = Number(process.env.PORT ?? 3300);

function json(res: import("node:http").ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", `http://localhost:${port}`);
  if (url.pathname.startsWith("/api/auth")) return handler(req, res);
  if (url.pathname === "/favicon.ico") return res.writeHead(204).end();
  const headers = fromNodeHeaders(req.headers);
  if (url.pathname === "/me") {
    const session = await auth.api.getSession({ headers });
    return json(res, 200, session ? { email: session.user.email, userId: session.user.id, sessionId: session.session.id } : null);
  }
  const accept = url.pathname.match(/^\/accept-invitation\/([^/]+)$/);
  if (accept && req.method === "POST") {
    try {
      const result = await auth.api.acceptInvitation({ headers, body: { invitationId: decodeURIComponent(accept[1]) } });
      return json(res, 200, { accepted: true, memberId: result?.member.id });
    } catch (e) {
      return json(res, (e as { statusCode?: number }).statusCode ?? 500, { accepted: false, message: (e as Error).message });
    }
  }
  json(res, 404, { message: "not found" });
}).listen(port, "127.0.0.1", () => console.log(`stock app on ${port}`));
