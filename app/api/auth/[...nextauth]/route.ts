import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/options";
import { KiB, withBoundedBody } from "@/server/http/read-body";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Sign-in forms and CSRF-token posts are a few hundred bytes. next-auth keeps its own CSRF token check.
const MAX_BODY = 16 * KiB;

async function handler(req: NextRequest, ctx: RouteContext) {
  const bounded = await withBoundedBody(req, MAX_BODY);
  if (bounded instanceof Response) return bounded;
  return NextAuth(new NextRequest(bounded) as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
