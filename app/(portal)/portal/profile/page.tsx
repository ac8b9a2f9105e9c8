import type { Metadata } from "next";
import { MailPreferencesForm } from "@/components/announcements/mail-preferences-form";
import Link from "next/link";
import { PasswordForm, ProfileForm } from "@/components/portal/profile-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const api = await serverCaller();
  const [profile, mail] = await Promise.all([api.partner.profile(), api.announcements.mailPreferences()]);
  return (
    <>
      <PageHeader title="Profile" description="Your contact details and how you promote the program. The program team sees them." />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Details" />
          <CardBody>
            <ProfileForm profile={profile} />
          </CardBody>
        </Card>
        <Card id="email-preferences">
          <CardHeader title="E-mail preferences" description="Which optional e-mails you want from the program." />
          <CardBody>
            <MailPreferencesForm initial={mail} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="API tokens" description="Read your own stats, conversions, commissions and payouts from your tracker or dashboard." />
          <CardBody>
            <Link href="/portal/profile/api-tokens" className="text-sm font-medium text-brand-600 hover:underline">
              Manage API tokens
            </Link>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Password" />
          <CardBody>
            <PasswordForm />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
