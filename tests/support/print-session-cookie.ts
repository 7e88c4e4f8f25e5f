/** Child process for the cookie test: signs in through better-auth's handler under this process's BETTER_AUTH_URL and prints the Set-Cookie headers as JSON. */
import { auth } from "../../lib/auth";

const [email, password] = process.argv.slice(2);
const origin = process.env.BETTER_AUTH_URL!;
const res = await auth.handler(
  new Request(`${origin}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, "x-forwarded-for": "10.44.0.1" },
    body: JSON.stringify({ email, password }),
  }),
);
console.log(JSON.stringify({ status: res.status, cookies: res.headers.getSetCookie() }));
process.exit(0);
