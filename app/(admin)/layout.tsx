import { AppShell } from "@/components/layout/app-shell";
import { requireAdmin } from "@/server/auth/guards";
import type { NavItem } from "@/components/layout/nav-links";
import { can, type Permission } from "@/server/auth/permissions";
import { getDb } from "@/server/db";
import { missingRequiredTwoFactor } from "@/server/auth/two-factor";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAdmin();
  const needsTwoFactor = await missingRequiredTwoFactor(await getDb(), user.id);
  // each entry shows for the roles that may read what its page reads (a manager sees their partners and commissions)
  type Item = NavItem & { needs: Permission[] };
  const visible = (items: Item[]) => items.filter((i) => i.needs.every((p) => can(user.role, p, "query")));
  return (
    <AppShell
      area="Admin"
      user={user}
      items={visible([
        { href: "/admin", label: "Dashboard", icon: "gauge", needs: ["program:read"] },
        { href: "/admin/programs", label: "Programs", icon: "layers", needs: ["program:read"] },
        { href: "/admin/offers", label: "Offers", icon: "tag", needs: ["program:read"] },
        { href: "/admin/creatives", label: "Creatives", icon: "image", needs: ["program:read"] },
        { href: "/admin/announcements", label: "Announcements", icon: "megaphone", needs: ["program:read"] },
        { href: "/admin/reports", label: "Reports", icon: "chart", needs: ["reports:read"] },
        { href: "/admin/clicks", label: "Clicks", icon: "pointer", needs: ["reports:read", "coupons:manage"] },
        { href: "/admin/conversions", label: "Conversions", icon: "target", needs: ["reports:read", "coupons:manage"] },
        { href: "/admin/partners", label: "Partners", icon: "users", needs: ["partners:review"] },
        { href: "/admin/partners/documents", label: "Documents", icon: "fileCheck", needs: ["documents:read"] },
        { href: "/admin/commissions", label: "Commissions", icon: "receipt", needs: ["commissions:review"] },
        { href: "/admin/plans", label: "Plans", icon: "scroll", needs: ["program:read", "coupons:manage"] },
        { href: "/admin/payouts", label: "Payouts", icon: "banknote", needs: ["payouts:manage"] },
        { href: "/admin/coupons", label: "Coupons", icon: "ticket", needs: ["coupons:manage"] },
        { href: "/admin/imports", label: "Imports", icon: "upload", needs: ["imports:manage"] },
        { href: "/admin/attribution", label: "Attribution", icon: "waypoints", needs: ["attribution:read", "program:read"] },
        { href: "/admin/fraud", label: "Fraud review", icon: "shield", needs: ["fraud:review", "partners:review"] },
        { href: "/admin/settings", label: "Settings", icon: "cog", needs: ["program:read", "program:manage"] },
        { href: "/admin/team", label: "Team", icon: "team", needs: ["team:manage"] },
        { href: "/admin/api-keys", label: "API keys", icon: "key", needs: ["api_keys:manage"] },
        { href: "/admin/audit", label: "Audit log", icon: "history", needs: ["audit:read"] },
        { href: "/admin/mailbox", label: "Mailbox", icon: "inbox", needs: ["mailbox:read"] },
        { href: "/admin/account", label: "Your account", icon: "user", needs: ["account:self"] },
      ])}
    >
      {needsTwoFactor ? (
        <p role="alert" className="mb-6 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          The owner requires two-factor authentication for the team.{" "}
          <a href="/admin/account" className="font-medium underline">
            Set it up on your account page
          </a>{" "}
          to use the other admin pages.
        </p>
      ) : null}
      {children}
    </AppShell>
  );
}
