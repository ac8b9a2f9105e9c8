import { AppShell } from "@/components/layout/app-shell";
import { NotificationBell } from "@/components/portal/notification-bell";
import { requireApprovedPartner } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server-caller";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireApprovedPartner();
  const notifications = await (await serverCaller()).partner.notifications();
  return (
    <AppShell
      area="Partner"
      user={user}
      tools={<NotificationBell items={notifications.items} unread={notifications.unread} />}
      items={[
        { href: "/portal", label: "Dashboard", icon: "gauge" },
        { href: "/portal/links", label: "Links", icon: "link" },
        { href: "/portal/earnings", label: "Earnings", icon: "wallet" },
        { href: "/portal/payouts", label: "Payouts", icon: "landmark" },
        { href: "/portal/terms", label: "Terms", icon: "scroll" },
        { href: "/portal/reviews", label: "Reviews", icon: "shield" },
        { href: "/portal/postbacks", label: "Postbacks", icon: "send" },
      ]}
    >
      {children}
    </AppShell>
  );
}
