import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedAlert {
  id: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
  headers: IncomingHttpHeaders;
}

export const TEST_ALERT_SECRET = `whsec_${Buffer.alloc(32, 42).toString("base64")}`;

/**
 * A local alert webhook receiver that verifies every message's Standard Webhooks signature (an
 * unverifiable one is answered 400 and not recorded). `answer` picks the status of each request.
 */
export async function startAlertReceiver(options: { secret?: string; delayMs?: number } = {}) {
  const verifier = new Webhook(options.secret ?? TEST_ALERT_SECRET);
  const received: ReceivedAlert[] = [];
  const state = { requests: 0, rejected: 0, answer: (_request: number): number => 204 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      state.requests += 1;
      const body = Buffer.concat(chunks).toString("utf8");
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      let payload: ReceivedAlert["payload"];
      try {
        payload = verifier.verify(
          body,
          request.headers as Record<string, string>,
        ) as ReceivedAlert["payload"];
      } catch {
        state.rejected += 1;
        response.writeHead(400).end();
        return;
      }
      const status = state.answer(state.requests);
      if (status < 300) {
        received.push({ id: String(request.headers["webhook-id"]), payload, headers: request.headers });
      }
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Points the app's alert settings at a receiver; call before anything reads env() in the test file. */
export function configureAlertWebhook(url: string, secret = TEST_ALERT_SECRET): void {
  process.env.ALERT_WEBHOOK_URL = url;
  process.env.ALERT_WEBHOOK_SECRET = secret;
}

export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error("waitFor: timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
