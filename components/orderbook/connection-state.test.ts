import { describe, expect, it } from "vitest";
import {
  type ConnectionEvent,
  type ConnectionState,
  indicatorAt,
  initialConnection,
  reduceConnection,
  STALE_AFTER_MS,
} from "./connection-state";

const run = (...events: ConnectionEvent[]): ConnectionState =>
  events.reduce(reduceConnection, initialConnection);

describe("connection and staleness", () => {
  it("is connecting until the first frame, then live", () => {
    expect(indicatorAt(run({ type: "connecting" }), 0).kind).toBe("connecting");
    expect(indicatorAt(run({ type: "connecting" }, { type: "open" }), 0).kind).toBe("connecting");
    const live = run({ type: "connecting" }, { type: "open" }, { type: "frame", status: "live", at: 1_000 });
    expect(indicatorAt(live, 1_000)).toEqual({ kind: "live", label: "Live", detail: null });
  });

  it("goes stale on its own when no frame arrives for more than 2 s, although the server last said live", () => {
    const live = run({ type: "open" }, { type: "frame", status: "live", at: 1_000 });
    expect(indicatorAt(live, 1_000 + STALE_AFTER_MS).kind).toBe("live");
    expect(indicatorAt(live, 1_001 + STALE_AFTER_MS)).toEqual({
      kind: "stale",
      label: "Stale",
      detail: "no update for 2 s",
    });
    expect(indicatorAt(live, 8_000).detail).toBe("no update for 7 s");
    const fresh = reduceConnection(live, { type: "frame", status: "live", at: 8_000 });
    expect(indicatorAt(fresh, 8_100).kind).toBe("live");
  });

  it("reports the server's own states", () => {
    const at = (status: "stale" | "resyncing" | "connecting") =>
      indicatorAt(run({ type: "frame", status, at: 0 }), 0).kind;
    expect(at("stale")).toBe("stale");
    expect(at("resyncing")).toBe("resyncing");
    expect(at("connecting")).toBe("reconnecting");
  });

  it("says reconnecting after a lost connection and disconnected after three failures in a row", () => {
    const live = run({ type: "frame", status: "live", at: 0 });
    const once = reduceConnection(live, { type: "lost", retryAt: 500 });
    expect(indicatorAt(once, 0).kind).toBe("reconnecting");
    const retrying = reduceConnection(once, { type: "connecting" });
    expect(indicatorAt(retrying, 600).kind).toBe("reconnecting");
    const twice = reduceConnection(reduceConnection(retrying, { type: "open" }), {
      type: "lost",
      retryAt: 2_000,
    });
    expect(indicatorAt(twice, 1_000).kind).toBe("reconnecting");
    const thrice = reduceConnection(twice, { type: "lost", retryAt: 6_000 });
    expect(indicatorAt(thrice, 3_000)).toEqual({
      kind: "disconnected",
      label: "Disconnected",
      detail: "retrying in 3 s",
    });
    expect(indicatorAt(reduceConnection(thrice, { type: "connecting" }), 6_000).kind).toBe("disconnected");
  });

  it("shows stale, not live, after reconnecting until a new frame arrives", () => {
    const reopened = run(
      { type: "frame", status: "live", at: 0 },
      { type: "lost", retryAt: 500 },
      { type: "connecting" },
      { type: "open" },
    );
    expect(indicatorAt(reopened, 2_500).kind).toBe("stale");
    const back = reduceConnection(reopened, { type: "frame", status: "live", at: 2_600 });
    expect(indicatorAt(back, 2_600).kind).toBe("live");
    expect(back.failures).toBe(0);
  });
});
