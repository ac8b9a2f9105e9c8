import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

const handler = (req: Request, ctx: RouteContext) => NextAuth(req as never, ctx as never, authOptions());

export { handler as GET, handler as POST };
