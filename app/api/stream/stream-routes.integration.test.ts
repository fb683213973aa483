import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireDatabaseUrl } from "@/lib/env";
import { eventsReady } from "@/lib/events/subscribe-events";
import { eventually } from "@/lib/marketdata/testing/eventually";
import { SseFrameReader } from "@/lib/marketdata/testing/read-sse-frames";
import { appServices, createAppServices, replaceAppServices } from "@/lib/runtime/app-services";
import { createVenue } from "@/lib/venue/create-venue";
import { type Sim, simControl } from "@/lib/venue/testing/sim-test-helpers";
import { venueConfigFromEnv } from "@/lib/venue/venue-config";
import { startSim } from "@/sim/start-sim";
import { apiTokenFor } from "@/test/principals";
import { resetDatabase } from "@/test/reset-database";

let sim: Sim;
let token: string;
let orderbookRoute: typeof import("./orderbook/route");
let eventsRoute: typeof import("./events/route");

beforeAll(async () => {
  sim = await startSim({ port: 0, seed: 5, market: true, diffsPerSecond: 200 });
  process.env.ORDERBOOK_MIN_RESYNC_INTERVAL_MS = "50";
  const venue = createVenue(venueConfigFromEnv({ VENUE: "sim", SIM_PORT: String(sim.port) }));
  await replaceAppServices(createAppServices({ venue }));
  await resetDatabase();
  token = (await apiTokenFor("viewer")).token;
  orderbookRoute = await import("./orderbook/route");
  eventsRoute = await import("./events/route");
});

afterAll(async () => {
  await replaceAppServices(undefined);
  await sim.close();
});

function get(
  handler: (r: Request, c: { params: Promise<unknown> }) => Promise<Response>,
  path: string,
  headers: Record<string, string> = {},
) {
  const controller = new AbortController();
  const request = new Request(`http://tally.test${path}`, {
    headers: {
      host: "tally.test",
      accept: "text/event-stream",
      authorization: `Bearer ${token}`,
      ...headers,
    },
    signal: controller.signal,
  });
  return { response: handler(request, { params: Promise.resolve({}) }), abort: () => controller.abort() };
}

type Level = [string, string];
const apply = (book: Map<string, string>, levels: Level[]) => {
  for (const [price, quantity] of levels) {
    if (Number(quantity) === 0) book.delete(price);
    else book.set(price, quantity);
  }
};

describe("GET /api/stream/orderbook", () => {
  it("refuses bad requests with problem+json", async () => {
    const unknown = await get(orderbookRoute.GET, "/api/stream/orderbook?symbol=NOPE/USDT").response;
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).code).toBe("unknown_symbol");
    const badDepth = await get(orderbookRoute.GET, "/api/stream/orderbook?symbol=BTC/USDT&depth=501")
      .response;
    expect((await badDepth.json()).code).toBe("validation_failed");
    const notSse = await get(orderbookRoute.GET, "/api/stream/orderbook?symbol=BTC/USDT", {
      accept: "application/json",
    }).response;
    expect(notSse.status).toBe(406);
    expect(await notSse.json()).toMatchObject({
      title: "Not Acceptable",
      code: "event_stream_required",
      requestId: notSse.headers.get("x-request-id"),
    });
  });

  it("sends a snapshot then contiguous updates that rebuild the server's book; Last-Event-ID gets a fresh snapshot", async () => {
    const first = get(orderbookRoute.GET, "/api/stream/orderbook?symbol=BTC/USDT&depth=10");
    const response = await first.response;
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = new SseFrameReader(response.body!);
    expect((await reader.next())?.retry).toBe(1000);
    const bids = new Map<string, string>();
    const asks = new Map<string, string>();
    let seq = 0;
    let updates = 0;
    let lastUpdateId = 0;
    let live = false;
    while (updates < 20) {
      const frame = (await reader.nextEvent())!;
      if (frame.event === "trade") continue;
      const data = JSON.parse(frame.data!);
      expect(Number(frame.id)).toBe(data.seq);
      // the first frame is a snapshot; every later book frame takes the stream's next seq
      if (seq === 0) expect(frame.event).toBe("snapshot");
      else expect(data.seq).toBe(seq + 1);
      seq = data.seq;
      if (frame.event === "snapshot") {
        bids.clear();
        asks.clear();
        apply(bids, data.bids);
        apply(asks, data.asks);
        live = data.status === "live";
      } else if (frame.event === "update") {
        expect(live).toBe(true);
        apply(bids, data.bids);
        apply(asks, data.asks);
        updates += 1;
      }
      if (data.lastUpdateId) lastUpdateId = data.lastUpdateId;
    }
    await simControl(sim, "POST", "market", { running: false });
    const feed = appServices().bookHub.feed("BTC/USDT")!;
    while (lastUpdateId !== feed.view(10)?.lastUpdateId) {
      const frame = (await reader.nextEvent())!;
      if (frame.event !== "update") continue;
      const data = JSON.parse(frame.data!);
      expect(data.seq).toBe(seq + 1);
      seq = data.seq;
      apply(bids, data.bids);
      apply(asks, data.asks);
      lastUpdateId = data.lastUpdateId;
    }
    const server = feed.view(10)!;
    expect([...bids.entries()].sort((a, b) => Number(b[0]) - Number(a[0]))).toEqual(server.bids);
    expect([...asks.entries()].sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(server.asks);
    first.abort();

    const again = get(orderbookRoute.GET, "/api/stream/orderbook?symbol=BTC/USDT&depth=10", {
      "last-event-id": String(seq),
    });
    const reconnected = new SseFrameReader((await again.response).body!);
    const snapshot = (await reconnected.nextEvent())!;
    expect(snapshot.event).toBe("snapshot");
    const data = JSON.parse(snapshot.data!);
    expect(Number(snapshot.id)).toBe(data.seq);
    expect(data.bids).toEqual(server.bids);
    expect(data.asks).toEqual(server.asks);
    again.abort();
    await simControl(sim, "POST", "market", { running: true });
  });

  it("a client that stops reading catches up with a fresh snapshot, not a backlog of what it missed", async () => {
    const slow = get(orderbookRoute.GET, "/api/stream/orderbook?symbol=BTC/USDT&depth=20");
    const reader = new SseFrameReader((await slow.response).body!);
    await reader.next();
    const feed = appServices().bookHub.feed("BTC/USDT")!;
    await eventually(() => (feed.status() === "live" ? true : undefined));
    const start = feed.version;
    await eventually(() => (feed.version >= start + 30 ? true : undefined));
    const events: string[] = [];
    let seq = 0;
    let snapshots = 0;
    let updates = 0;
    while (updates < 3) {
      const frame = (await reader.nextEvent())!;
      if (frame.event === "trade") continue;
      const data = JSON.parse(frame.data!);
      events.push(frame.event!);
      if (frame.event === "snapshot") snapshots += 1;
      else expect(data.seq).toBe(seq + 1);
      if (frame.event === "update" && snapshots > 1) updates += 1;
      seq = data.seq;
    }
    // the first snapshot, and the one that replaced the frames the client was too slow for
    expect(snapshots).toBe(2);
    // of the ~30 frames it did not read, at most the one already queued reached it before that snapshot
    expect(events.indexOf("snapshot", 1)).toBeLessThanOrEqual(2);
    slow.abort();
  });
});

describe("GET /api/stream/events", () => {
  it("delivers an event NOTIFYed from another database connection", async () => {
    const stream = get(eventsRoute.GET, "/api/stream/events");
    const reader = new SseFrameReader((await stream.response).body!);
    await eventsReady();
    const other = new pg.Client({ connectionString: requireDatabaseUrl() });
    await other.connect();
    await other.query("SELECT pg_notify('tally_events', $1)", [
      JSON.stringify({ type: "order.updated", at: new Date().toISOString(), data: { id: "o-1" } }),
    ]);
    await other.end();
    const frame = (await reader.nextEvent())!;
    expect(frame.event).toBe("order.updated");
    expect(JSON.parse(frame.data!).data).toEqual({ id: "o-1" });
    stream.abort();
  });
});
