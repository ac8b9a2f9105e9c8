import { handleClick } from "@/server/tracking/handle-click";

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ code: string }> }) {
  const { code } = await ctx.params;
  return handleClick(request, code);
}
