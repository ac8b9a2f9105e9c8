"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { icons } from "./nav-icons";
import { cn } from "@/components/ui/cn";

/** `badge`: a count shown beside the label (e.g. unread announcements); nothing when 0 or unset. */
export type NavItem = { href: string; label: string; icon: keyof typeof icons; badge?: number };

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-col gap-1">
      {items.map((item) => {
        const active = item.href === pathname || (item.href !== items[0]?.href && pathname.startsWith(item.href));
        const Icon = icons[item.icon];
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap",
                active ? "bg-white/10 text-white" : "text-slate-300 hover:bg-white/5 hover:text-white",
              )}
            >
              <Icon className="size-4" aria-hidden />
              {item.label}
              {item.badge ? (
                <span className="ml-auto rounded-full bg-brand-500 px-1.5 py-0.5 text-xs leading-none font-semibold text-white" data-testid="nav-badge">
                  {item.badge > 99 ? "99+" : item.badge}
                  <span className="sr-only"> unread</span>
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
