import { inject } from "vitest";

// Before any test module imports lib/db or lib/email: point them at the run's database and mail sink.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.RESEND_BASE_URL = inject("sinkUrl");
process.env.BETTER_AUTH_URL = "http://localhost:3000";
delete process.env.RESEND_API_KEY;
