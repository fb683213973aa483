export const DEFAULT_LANDING = "/trade";

/**
 * Where to go after signing in: `next` only when it resolves to a page of this origin. Parsing it
 * the way the browser will (`/\host`, tabs and newlines, other schemes) is the only safe test.
 */
export function landingAfterSignIn(next: string | null | undefined, origin: string): string {
  if (!next) return DEFAULT_LANDING;
  let target: URL;
  try {
    target = new URL(next, origin);
  } catch {
    return DEFAULT_LANDING;
  }
  if (target.origin !== new URL(origin).origin) return DEFAULT_LANDING;
  return `${target.pathname}${target.search}${target.hash}`;
}
