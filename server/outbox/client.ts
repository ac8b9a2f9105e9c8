import { Inngest } from "inngest";

// Dev mode (INNGEST_DEV=1), a self-hosted server (INNGEST_BASE_URL) or Inngest Cloud (INNGEST_EVENT_KEY)
// is chosen by the SDK from the environment; without any, the in-process runner (server/jobs/outbox.ts) runs the jobs.
export const inngest = new Inngest({ id: "touchpoint" });
