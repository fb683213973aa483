import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "../db/prisma";
import { requireDatabaseUrl } from "../env";
import { publishEvent } from "./publish-event";
import { eventsReady, subscribeEvents } from "./subscribe-events";
import type { TallyEvent } from "./tally-event";

const other = new pg.Client({ connectionString: requireDatabaseUrl() });
afterAll(() => other.end());

function nextEvent(type: string): Promise<TallyEvent> {
  return new Promise((resolve) => {
    const stop = subscribeEvents((event) => {
      if (event.type !== type) return;
      stop();
      resolve(event);
    });
  });
}

describe("event bus", () => {
  it("delivers an event NOTIFYed from another database connection (another app instance)", async () => {
    const received = nextEvent("test.ping");
    await eventsReady();
    await other.connect();
    await other.query("SELECT pg_notify('tally_events', $1)", [
      JSON.stringify({ type: "test.ping", at: new Date().toISOString(), data: { from: "elsewhere" } }),
    ]);
    expect((await received).data).toEqual({ from: "elsewhere" });
  });

  it("publishes inside a transaction only when it commits", async () => {
    const seen: string[] = [];
    const stop = subscribeEvents((event) => seen.push(event.type));
    await eventsReady();
    await prisma()
      .$transaction(async (tx) => {
        await publishEvent({ type: "test.rolled-back", data: {} }, tx);
        throw new Error("roll back");
      })
      .catch(() => {});
    const committed = nextEvent("test.committed");
    await prisma().$transaction(async (tx) => publishEvent({ type: "test.committed", data: { n: 1 } }, tx));
    expect((await committed).data).toEqual({ n: 1 });
    stop();
    expect(seen).not.toContain("test.rolled-back");
  });

  it("refuses events too large for NOTIFY instead of losing them silently", async () => {
    await expect(publishEvent({ type: "test.big", data: { blob: "x".repeat(9000) } })).rejects.toThrow(
      /under 7900/,
    );
  });
});
