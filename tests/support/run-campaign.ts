/** Child process for the crash test: sends one campaign until killed. */
import { sendCampaign } from "../../lib/campaigns/send-campaign";

const id = process.argv[2];
await sendCampaign(id, 10 * 60_000);
process.exit(0);
