import { AppShell } from "@/components/layout/app-shell";
import { TermsGate } from "@/components/portal/terms-gate";
import { NotificationBell } from "@/components/portal/notification-bell";
import { requireApprovedPartner } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server-caller";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireApprovedPartner();
  const api = await serverCaller();
  const [notifications, terms, unreadNews] = await Promise.all([api.partner.notifications(), api.onboarding.myTerms(), api.announcements.unread()]);
  return (
    <AppShell
      area="Partner"
      user={user}
      tools={<NotificationBell items={notifications.items} unread={notifications.unread} />}
      items={[
        { href: "/portal", label: "Dashboard", icon: "gauge" },
        { href: "/portal/offers", label: "Offers", icon: "tag" },
        { href: "/portal/reports", label: "Reports", icon: "chart" },
        { href: "/portal/links", label: "Links", icon: "link" },
        { href: "/portal/creatives", label: "Creatives", icon: "image" },
        { href: "/portal/announcements", label: "Announcements", icon: "megaphone", badge: unreadNews },
        { href: "/portal/earnings", label: "Earnings", icon: "wallet" },
        { href: "/portal/payouts", label: "Payouts", icon: "landmark" },
        { href: "/portal/statements", label: "Statements", icon: "fileText" },
        { href: "/portal/documents", label: "Documents", icon: "fileCheck" },
        { href: "/portal/terms", label: "Terms", icon: "scroll" },
        { href: "/portal/reviews", label: "Reviews", icon: "shield" },
        { href: "/portal/postbacks", label: "Postbacks", icon: "send" },
        { href: "/portal/sub-affiliates", label: "Sub-affiliates", icon: "network" },
        { href: "/portal/profile", label: "Profile", icon: "user" },
      ]}
    >
      {terms.terms && !terms.accepted ? <TermsGate terms={terms.terms} firstTime={!terms.acceptedBefore} /> : children}
    </AppShell>
  );
}
