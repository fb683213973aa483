export const ROLES = ["viewer", "trader", "risk"] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { viewer: 0, trader: 1, risk: 2 };

/** Roles are ordered: a risk user may do everything a trader may, and a trader everything a viewer may. */
export function hasRole(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}
