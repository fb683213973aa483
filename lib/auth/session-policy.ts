import { env } from "../env";

export const SESSION_COOKIE = "tally_session";
/** lastSeenAt is written at most this often, so reads do not turn every request into a write. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export function sessionPolicy() {
  const { SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS } = env();
  return { idleMs: SESSION_IDLE_MINUTES * 60_000, absoluteMs: SESSION_ABSOLUTE_HOURS * 3_600_000 };
}
