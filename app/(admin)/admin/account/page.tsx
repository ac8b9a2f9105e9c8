import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/team/change-password-form";
import { ROLE_LABELS } from "@/components/team/roles";
import { SignOutEverywhere } from "@/components/team/sign-out-everywhere";
import { TwoFactorSetup } from "@/components/team/two-factor-setup";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const me = await requireAdmin();
  const security = await (await serverCaller()).team.security();
  return (
    <>
      <PageHeader title="Your account" description={`${security.email} · ${ROLE_LABELS[me.role] ?? me.role}`} />
      <div className="space-y-8">
        <Card>
          <CardHeader title="Two-factor authentication" description="An authenticator app on your phone, with recovery codes for when you lose it." />
          <CardBody>
            <TwoFactorSetup enabled={security.twoFactor} required={security.requireTwoFactor} recoveryCodesLeft={security.recoveryCodesLeft} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Password" description="Changing it signs you out everywhere; sign in again with the new one." />
          <CardBody>
            <ChangePasswordForm />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Sessions" description="Lost a laptop, or signed in on a shared computer? End every session of your account at once." />
          <CardBody>
            <SignOutEverywhere />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
