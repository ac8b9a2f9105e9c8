import type { Metadata } from "next";
import { MissingToken, tokenOf } from "@/components/auth/missing-token";
import { VerifyEmailButton } from "@/components/auth/verify-email-button";

export const metadata: Metadata = { title: "Confirm your e-mail address" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const token = tokenOf((await searchParams).token);
  if (!token) return <MissingToken what="confirmation" />;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">Confirm your e-mail address</h1>
      <p className="text-sm text-slate-600">One click confirms that this address is yours.</p>
      <VerifyEmailButton token={token} />
    </div>
  );
}
