import type { Metadata } from "next";
import Link from "next/link";
import { SetupForm } from "@/components/setup/setup-form";
import { getDb } from "@/server/db";
import { setupTokenValid } from "@/server/setup/create-owner";

export const metadata: Metadata = { title: "Set up Touchpoint", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  if (!(await setupTokenValid(await getDb(), value))) {
    return (
      <div className="space-y-3">
        <h1 className="text-xl font-semibold text-slate-900">This setup link does not work</h1>
        <p className="text-sm text-slate-600">
          It was used already, has expired, or was replaced by a newer one. Restart Touchpoint while no admin exists to print a new link, or create an
          admin with <code className="rounded bg-slate-100 px-1">npm run admin:create</code>.
        </p>
        <p className="text-sm">
          <Link href="/login" className="font-medium text-brand-600 hover:underline">
            Go to sign in
          </Link>
        </p>
      </div>
    );
  }
  return <SetupForm token={value} />;
}
