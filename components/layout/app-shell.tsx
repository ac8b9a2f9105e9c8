import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { MobileNav } from "./mobile-nav";
import { NavLinks, type NavItem } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

/** The one layout of the admin and the partner portal: navigation, who is signed in, the page. */
/** `tools` sits beside the brand: the portal's notification bell. From `md` up the navigation is a sidebar;
 * below it, a top bar whose menu button opens the same navigation as a sheet. */
export function AppShell({ area, items, user, tools, children }: { area: string; items: NavItem[]; user: { name: string; email: string }; tools?: React.ReactNode; children: React.ReactNode }) {
  const nav = (
    <>
      <nav aria-label={`${area} navigation`} className="md:min-h-0 md:flex-1 md:overflow-y-auto">
        <NavLinks items={items} />
      </nav>
      <div className="border-t border-white/10 pt-3">
        <div className="min-w-0">
          <p className="truncate px-3 text-sm font-medium text-white">{user.name}</p>
          <p className="truncate px-3 text-xs text-slate-400">{user.email}</p>
        </div>
        <div className="mt-2">
          <SignOutButton />
        </div>
      </div>
    </>
  );
  return (
    <div className="min-h-screen md:flex">
      <aside className="sticky top-0 z-30 bg-slate-900 md:static md:w-60 md:shrink-0 print:hidden">
        <div className="flex flex-col gap-4 px-3 py-2 md:sticky md:top-0 md:h-screen md:py-4">
          <div className="flex items-center gap-2 pr-1">
            <MobileNav area={area}>{nav}</MobileNav>
            <Link href="/" className="flex min-w-0 flex-1 items-center gap-2 px-1 text-white md:px-3">
              <span className="grid size-7 shrink-0 place-items-center rounded-md bg-brand-500 text-sm font-bold">T</span>
              <span className="font-semibold">Touchpoint</span>
              {/* With tools beside it the row is full; the area is then said by the navigation's label alone. */}
              <span className={cn("ml-auto rounded bg-white/10 px-1.5 py-0.5 text-[10px] font-medium uppercase tracking-wide text-slate-300", tools ? "sr-only" : null)}>{area}</span>
            </Link>
            {tools}
          </div>
          <div className="hidden md:contents">{nav}</div>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8 print:p-0">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
