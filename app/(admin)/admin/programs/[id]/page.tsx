import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PartnerTypesForm } from "@/components/partners/group-controls";
import { formatDate, formatDateTime } from "@/components/format";
import { PublishTermsForm } from "@/components/programs/terms-editor";
import { SignupQuestionsEditor } from "@/components/programs/signup-questions-editor";
import { ProgramForm } from "@/components/programs/program-form";
import { PostbackToken } from "@/components/programs/postback-token";
import { ProgramStatusAction } from "@/components/programs/status-action";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { PayoutSettingsForm } from "@/components/payouts/payout-settings-form";
import { requireAdmin } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";
import { config } from "@/server/config";
import { BUILT_IN_PAYOUT_SETTINGS, thresholdFor } from "@/server/payouts/payout-settings";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Program" };

export default async function ProgramPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverCaller();
  const program = await api.programs.get({ programId: id.slice(0, 64) });
  if (!program) notFound();
  const me = await requireAdmin();
  const [questions, termsVersions, schedules] = await Promise.all([
    api.onboarding.questions({ programId: program.id }),
    api.onboarding.termsVersions({ programId: program.id }),
    can(me.role, "payouts:manage", "query") ? api.admin.payoutSchedules() : null,
  ]);
  const fallback = schedules?.[0]?.settings ?? BUILT_IN_PAYOUT_SETTINGS;
  const ownPayouts = schedules?.find((s) => s.programId === program.id)?.settings ?? null;
  const payoutSettings = ownPayouts ?? fallback;
  const payoutCurrencies = [...new Set([program.defaultCurrency, ...Object.keys(payoutSettings.thresholds)])].sort();
  const inForce = termsVersions[0] ?? null;
  const base = config().appUrl;
  const test = `curl "${base}/api/postback?token=<token>&click_id=<click id>&event=ftd&txn_id=test-1&amount=10.00&currency=${program.defaultCurrency}"`;
  return (
    <>
      <PageHeader
        title={program.name}
        description={`Program · created ${program.createdAt.toISOString().slice(0, 10)}`}
        actions={
          <>
            <StatusBadge status={program.status} />
            <ProgramStatusAction programId={program.id} status={program.status} />
          </>
        }
      />
      <div className="grid gap-8 lg:grid-cols-2">
        <div className="space-y-8">
          <Card>
            <CardHeader title="Settings" />
            <CardBody>
              <ProgramForm program={program} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Sign-up questions" description="Asked on the partner sign-up page; answers show on each partner's page." />
            <CardBody>
              <SignupQuestionsEditor programId={program.id} questions={questions} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader
              title="Terms and conditions"
              description={inForce ? `Version ${inForce.version} in force since ${formatDate(inForce.publishedAt)}; ${inForce.acceptances} partner${inForce.acceptances === 1 ? " has" : "s have"} accepted it.` : "None yet: partners sign up without accepting terms."}
            />
            <CardBody className="space-y-4">
              <PublishTermsForm programId={program.id} current={inForce?.body ?? null} />
              {termsVersions.length > 0 ? (
                <ul className="space-y-1 text-sm text-slate-600" data-testid="terms-versions">
                  {termsVersions.map((v) => (
                    <li key={v.id}>
                      Version {v.version} · published {formatDateTime(v.publishedAt)}
                      {v.publishedBy ? ` by ${v.publishedBy}` : ""} · accepted by {v.acceptances}
                    </li>
                  ))}
                </ul>
              ) : null}
            </CardBody>
          </Card>
        </div>
        <div className="space-y-8">
          <Card>
            <CardHeader title="Postback token" description="Your backend sends it with every conversion. Keep it secret." />
            <CardBody>
              <PostbackToken programId={program.id} token={program.postbackToken} previousExpiresAt={program.previousTokenExpiresAt} />
            </CardBody>
          </Card>
          {schedules ? (
            <Card>
              <CardHeader
                title="Payouts"
                description={ownPayouts ? "This program's money is batched on its own schedule and minimums." : "This program follows the default payout schedule and minimums (Payouts page)."}
              />
              <PayoutSettingsForm
                key={ownPayouts ? "own" : "default"}
                program={{ id: program.id, inherits: !ownPayouts }}
                settings={payoutSettings}
                minimums={Object.fromEntries(payoutCurrencies.map((c) => [c, thresholdFor(payoutSettings, c)]))}
              />
            </Card>
          ) : null}
          <Card>
            <CardHeader title="Partner types" description="What a partner can be (affiliate, introducing broker ...); set on each partner's page." />
            <CardBody>
              <PartnerTypesForm programId={program.id} types={program.partnerTypes} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Send a test conversion" description="Click one of your partners' tracking links, copy the click id from the landing URL, then call:" />
            <CardBody className="space-y-3">
              <div className="flex items-start gap-2">
                <code className="block min-w-0 flex-1 break-all rounded bg-slate-100 px-3 py-2 text-xs text-slate-800">{test}</code>
                <CopyButton value={test} />
              </div>
              <p className="text-sm text-slate-500">
                Replace <code>&lt;token&gt;</code> with the token above. The answer is <code>{'{"status":"accepted"}'}</code>; the dashboard&apos;s checklist ticks
                &ldquo;Receive a test conversion&rdquo;. Signing secrets and the IP allowlist are in{" "}
                <Link href="/admin/settings" className="text-brand-600 hover:underline">
                  Settings
                </Link>
                ; the postback reference is in the README.
              </p>
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
