import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { config } from "@/server/config";
import { getDb } from "@/server/db";
import { DomainError } from "@/server/errors";
import { PEER_HEADER } from "@/server/http/peer";
import { clientIp, trustedProxyList } from "@/server/net/client-ip";
import { authenticate, type SessionUser } from "./authenticate";

declare module "next-auth" {
  interface Session {
    user: SessionUser;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    user?: SessionUser;
  }
}

export function authOptions(): NextAuthOptions {
  const c = config();
  return {
    secret: c.authSecret,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" } },
        async authorize(credentials, req) {
          const email = String(credentials?.email ?? "").slice(0, 254);
          const password = String(credentials?.password ?? "").slice(0, 200);
          const code = String(credentials?.code ?? "").slice(0, 40);
          if (!email || !password) throw new Error("Enter your email and password.");
          const header = (name: string) => {
            const v = req.headers?.[name];
            return typeof v === "string" ? v : null;
          };
          const ip = clientIp(header(PEER_HEADER), header("x-forwarded-for"), trustedProxyList(c.trustedProxies)) ?? "unknown";
          try {
            return await authenticate(await getDb(), { email, password, ip, code }, c.login);
          } catch (err) {
            // next-auth passes the message to the login form; only our own messages are safe to show.
            if (err instanceof DomainError) throw new Error(err.message, { cause: err });
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.user = user as SessionUser;
        return token;
      },
      session({ session, token }) {
        if (token.user) session.user = token.user;
        return session;
      },
    },
  };
}
