import type { Metadata } from "next";
import Link from "next/link";
import { SignupForm } from "@/components/auth/signup-form";
import { getDb } from "@/server/db";
import { INVITE_ONLY_MESSAGE } from "@/server/partners/apply-partner";
import { findUsableInvite, INVITE_USED_MESSAGE } from "@/server/partners/invites";
import { recruiterName } from "@/server/partners/recruit";
import { inviteTokenField } from "@/server/partners/schemas";
import { signUpQuestions } from "@/server/partners/signup-questions";
import { termsInForce } from "@/server/partners/terms";
import { signUpMode } from "@/server/programs/sign-up-mode";

export const metadata: Metadata = { title: "Become a partner" };
export const dynamic = "force-dynamic";

function Closed({ title, message }: { title: string; message: string }) {
  return (
    <div className="space-y-3">
      <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      <p className="text-sm text-slate-600">{message}</p>
      <Link href="/login" className="text-sm font-medium text-brand-600 hover:underline">
        Sign in
      </Link>
    </div>
  );
}

/** /signup, /signup?ref=<recruit code> and /signup?invite=<invitation token>. */
export default async function SignupPage({ searchParams }: { searchParams: Promise<{ ref?: string | string[]; invite?: string | string[] }> }) {
  const db = await getDb();
  const { ref, invite } = await searchParams;
  const inviteToken = typeof invite === "string" && inviteTokenField.safeParse(invite).success ? invite : undefined;
  const usable = inviteToken ? await findUsableInvite(db, inviteToken) : null;
  if (invite !== undefined && !usable) return <Closed title="This invitation cannot be used" message={INVITE_USED_MESSAGE} />;
  if (!usable && (await signUpMode(db)) === "invite_only") return <Closed title="Partner sign-up is closed" message={`${INVITE_ONLY_MESSAGE} Ask the program team for an invitation link.`} />;
  const code = typeof ref === "string" && /^[a-z0-9]{4,32}$/i.test(ref) ? ref.toLowerCase() : undefined;
  const recruiter = code ? await recruiterName(db, code) : null;
  const [questions, terms] = await Promise.all([signUpQuestions(db), termsInForce(db)]);
  return <SignupForm recruitCode={code} recruiter={recruiter} questions={questions} terms={terms} inviteToken={usable ? inviteToken : undefined} />;
}
