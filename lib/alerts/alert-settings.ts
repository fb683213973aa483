import { env } from "../env";

export interface AlertSettings {
  url: string;
  secret: string;
  maxAttempts: number;
}

/** The alert webhook's settings, or null when ALERT_WEBHOOK_URL is unset (no alerts are kept). */
export function alertSettings(): AlertSettings | null {
  const { ALERT_WEBHOOK_URL: url, ALERT_WEBHOOK_SECRET: secret, ALERT_MAX_ATTEMPTS: maxAttempts } = env();
  // env() refuses a URL without a secret; both are checked again for the type.
  if (!url || !secret) return null;
  return { url, secret, maxAttempts };
}
