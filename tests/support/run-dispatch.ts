/** Child process for the crash test: one webhook dispatch round, killed while its posts are in flight. */
import { dispatchWebhooks } from "../../lib/webhooks/dispatch";

await dispatchWebhooks();
process.exit(0);
