import { getSessionUser } from "@/server/auth/session";
import { trpcHandler } from "@/server/trpc/handle-request";

export const dynamic = "force-dynamic";

const handler = trpcHandler(getSessionUser);

export { handler as GET, handler as POST };
