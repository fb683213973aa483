import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  configureAlertWebhook,
  startAlertReceiver,
  TEST_ALERT_SECRET,
  waitFor,
} from "../../test/alert-receiver";
import { resetDatabase } from "../../test/reset-database";
import { disconnectPrisma } from "../db/prisma";
import { sql, transaction } from "../db/sql";
import { engageKillSwitch, releaseKillSwitch } from "../risk/change-kill-switch";
import type { BackgroundService } from "../runtime/background-service";
import { alertDeliveryService } from "./alert-delivery-service";

const receiver = await startAlertReceiver();
configureAlertWebhook(receiver.url);

const settings = { url: receiver.url, secret: TEST_ALERT_SECRET, maxAttempts: 5 };
const fast = { settings, pollMs: 10, retryBaseMs: 20, retryCapMs: 100 };
let services: BackgroundService[] = [];
const change = { reason: "drill", source: "manual" as const, actor: "risk1" };

async function outbox() {
  return sql().$queryRaw<{ type: string; status: string; attempts: number; lastError: string | null }[]>`
    SELECT type, status, attempts, "lastError" FROM "AlertDelivery" ORDER BY "createdAt"`;
}

function startWorker(options: Parameters<typeof alertDeliveryService>[0] = fast) {
  const service = alertDeliveryService(options);
  services.push(service);
  service.start();
  return service;
}

beforeEach(async () => {
  await resetDatabase();
  receiver.received.length = 0;
  receiver.state.requests = 0;
  receiver.state.rejected = 0;
  receiver.state.answer = () => 204;
});
afterEach(async () => {
  await Promise.all(services.map((service) => service.stop()));
  services = [];
});
afterAll(async () => {
  await receiver.close();
  await disconnectPrisma();
});

describe("alert webhook delivery", () => {
  it("an engage and a release are each POSTed once as a verifiable Standard Webhooks message", async () => {
    await engageKillSwitch({ scope: "global", ...change });
    await releaseKillSwitch({ scope: "global", ...change, reason: "all clear" });
    startWorker();
    await waitFor(() => receiver.received.length >= 2);
    const [engaged, released] = [...receiver.received].sort((a, b) =>
      a.payload.data.reason === "drill" ? -1 : b.payload.data.reason === "drill" ? 1 : 0,
    );
    expect(engaged?.payload).toMatchObject({
      type: "kill_switch.engaged",
      data: { scope: "global", reason: "drill", source: "manual", actor: "risk1" },
    });
    expect(released?.payload).toMatchObject({ type: "kill_switch.released", data: { reason: "all clear" } });
    expect(engaged?.id).toMatch(/^msg_[0-9a-f-]{36}$/);
    expect(engaged?.headers["webhook-signature"]).toMatch(/^v1,/);
    expect(receiver.state.rejected).toBe(0);
    await waitFor(async () => (await outbox()).every((row) => row.status === "delivered"));
    expect(await outbox()).toMatchObject([
      { status: "delivered", attempts: 1 },
      { status: "delivered", attempts: 1 },
    ]);
  });

  it("the alert row commits with the change: a rolled-back engage leaves no alert", async () => {
    await expect(
      transaction(async (tx) => {
        await engageKillSwitch({ scope: "global", ...change, tx });
        throw new Error("crash before commit");
      }),
    ).rejects.toThrow("crash before commit");
    expect(await outbox()).toEqual([]);
    await engageKillSwitch({ scope: "global", ...change });
    await engageKillSwitch({ scope: "global", ...change });
    expect(await outbox()).toMatchObject([{ type: "kill_switch.engaged", status: "pending" }]);
  });

  it("a receiver failing twice then succeeding gets the alert delivered once, with the same message id", async () => {
    receiver.state.answer = (request) => (request <= 2 ? 503 : 200);
    await engageKillSwitch({ scope: "BTC/USDT", ...change });
    startWorker();
    await waitFor(async () => (await outbox())[0]?.status === "delivered");
    expect(receiver.state.requests).toBe(3);
    expect(receiver.received).toHaveLength(1);
    expect(await outbox()).toMatchObject([{ status: "delivered", attempts: 3, lastError: null }]);
  });

  it("gives up after the maximum attempts, recording why without the secret", async () => {
    receiver.state.answer = () => 500;
    await engageKillSwitch({ scope: "global", ...change });
    startWorker({ ...fast, settings: { ...settings, maxAttempts: 3 } });
    await waitFor(async () => (await outbox())[0]?.status === "failed");
    expect(receiver.state.requests).toBe(3);
    const [row] = await outbox();
    expect(row).toMatchObject({ attempts: 3, lastError: "HTTP 500" });
    expect(JSON.stringify(row)).not.toContain(TEST_ALERT_SECRET.slice(6, 20));
  });

  it("two worker instances deliver each alert once", async () => {
    const slow = await startAlertReceiver({ delayMs: 50 });
    try {
      for (const symbol of ["BTC/USDT", "ETH/USDT", "SOL/USDT", "BNB/USDT", "XRP/USDT", "ADA/USDT"]) {
        await engageKillSwitch({ scope: symbol, ...change });
      }
      const options = { ...fast, settings: { ...settings, url: slow.url }, pollMs: 1 };
      startWorker(options);
      startWorker(options);
      await waitFor(async () => (await outbox()).every((row) => row.status === "delivered"));
      expect(slow.state.requests).toBe(6);
      expect(new Set(slow.received.map((alert) => alert.id)).size).toBe(6);
    } finally {
      await slow.close();
    }
  });
});
