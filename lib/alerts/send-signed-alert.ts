import { Webhook } from "standardwebhooks";

const SEND_TIMEOUT_MS = 10_000;

/**
 * POSTs one alert as a Standard Webhooks message: the id stays the same on every attempt (receivers
 * deduplicate on it), the timestamp and signature are those of this attempt. Resolves with null when
 * the receiver answered 2xx, else with why not (never containing the secret).
 */
export async function sendSignedAlert(options: {
  url: string;
  secret: string;
  messageId: string;
  body: string;
  now?: Date;
}): Promise<string | null> {
  const at = options.now ?? new Date();
  const signature = new Webhook(options.secret).sign(options.messageId, at, options.body);
  try {
    const response = await fetch(options.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": options.messageId,
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body: options.body,
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return `${(error as Error).name}${cause ? ` ${cause}` : ""}`;
  }
}
