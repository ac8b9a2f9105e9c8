import type { Metadata } from "next";
import { LoginForm } from "@/components/auth/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ applied?: string; reset?: string; welcome?: string; changed?: string }> }) {
  const { applied, reset, welcome, changed } = await searchParams;
  const notice = reset ? "reset" : welcome ? "welcome" : changed ? "changed" : undefined;
  return <LoginForm applied={applied === "1"} approved={applied === "approved"} notice={notice} />;
}
