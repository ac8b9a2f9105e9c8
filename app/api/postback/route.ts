import { handlePostback } from "@/server/conversions/handle-postback";
import { unlessDbDown } from "@/server/http/unavailable";

export const dynamic = "force-dynamic";

// A database outage answers 503 + Retry-After: senders retry, and a retried txn_id is never counted twice.
const handler = (request: Request) => unlessDbDown(() => handlePostback(request));

export { handler as GET, handler as POST };
