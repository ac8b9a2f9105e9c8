import { AppShell } from "@/components/layout/app-shell";
import { requireApprovedPartner } from "@/server/auth/guards";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireApprovedPartner();
  return (
    <AppShell
      area="Partner"
      user={user}
      items={[
        { href: "/portal", label: "Dashboard", icon: "gauge" },
        { href: "/portal/links", label: "Links", icon: "link" },
        { href: "/portal/earnings", label: "Earnings", icon: "wallet" },
        { href: "/portal/reviews", label: "Reviews", icon: "shield" },
        { href: "/portal/postbacks", label: "Postbacks", icon: "send" },
      ]}
    >
      {children}
    </AppShell>
  );
}
