import { handleLegacyClick } from "@/server/tracking/handle-click";

export const dynamic = "force-dynamic";

/** Old platforms' links, forwarded by the old domain with their path and query (server/tracking/legacy-link.ts). */
export async function GET(request: Request) {
  return handleLegacyClick(request);
}
