import type { Metadata } from "next";
import { MissingToken, tokenOf } from "@/components/auth/missing-token";
import { SetPasswordForm } from "@/components/auth/set-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const token = tokenOf((await searchParams).token);
  return token ? <SetPasswordForm token={token} invite={false} /> : <MissingToken what="password reset" />;
}
