import type { Role } from "@/lib/auth/roles";

export const NAV_ITEMS: { href: string; label: string; role: Role }[] = [
  { href: "/trade", label: "Trade", role: "viewer" },
  { href: "/orders", label: "Orders", role: "viewer" },
  { href: "/reconciliation", label: "Reconciliation", role: "viewer" },
  { href: "/audit", label: "Audit", role: "risk" },
  { href: "/admin", label: "Admin", role: "risk" },
];
