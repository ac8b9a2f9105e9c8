import { AppShell } from "@/components/layout/app-shell";
import { requireAdmin } from "@/server/auth/guards";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAdmin();
  return (
    <AppShell
      area="Admin"
      user={user}
      items={[
        { href: "/admin", label: "Dashboard", icon: "gauge" },
        { href: "/admin/partners", label: "Partners", icon: "users" },
        { href: "/admin/commissions", label: "Commissions", icon: "receipt" },
        { href: "/admin/plans", label: "Plans", icon: "scroll" },
        { href: "/admin/payouts", label: "Payouts", icon: "banknote" },
        { href: "/admin/coupons", label: "Coupons", icon: "ticket" },
        { href: "/admin/attribution", label: "Attribution", icon: "waypoints" },
        { href: "/admin/fraud", label: "Fraud review", icon: "shield" },
        { href: "/admin/settings", label: "Settings", icon: "cog" },
      ]}
    >
      {children}
    </AppShell>
  );
}
