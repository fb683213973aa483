import { cookies } from "next/headers";
import type { Principal } from "@/lib/auth/principal";
import { resolveSession } from "@/lib/auth/resolve-session";
import { SESSION_COOKIE } from "@/lib/auth/session-policy";

/** The signed-in operator for a server component, or null. */
export async function currentPrincipal(): Promise<Principal | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const lookup = await resolveSession(token);
  return lookup.ok ? lookup.principal : null;
}
