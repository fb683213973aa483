"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { hasRole, type Role } from "@/lib/auth/roles";
import { NAV_ITEMS } from "./nav-items";

export function Nav({ role }: { role: Role }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="nav">
      <ul>
        {NAV_ITEMS.filter((item) => hasRole(role, item.role)).map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={pathname.startsWith(item.href) ? "page" : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
