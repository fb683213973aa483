import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EngineSnapshot } from "../engine/matching-engine.js";
import { persistState } from "./state-persister.js";

const snapshot: EngineSnapshot = { nextOrderId: 1, nextTradeIds: {}, orders: [], trades: [], accounts: [] };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(saveCostMs: number) {
  let clock = 0;
  const engine = { accountRevision: 0, snapshot: () => snapshot };
  const saves: number[] = [];
  const persister = persistState(engine, "/unused", {
    intervalMs: 200,
    now: () => clock + Date.now(),
    write: () => {
      saves.push(Date.now());
      clock += saveCostMs;
    },
  });
  return { engine, saves, persister };
}

describe("persistState", () => {
  it("saves a changed state at the next tick, and once more at close", () => {
    const { engine, saves, persister } = setup(0);
    vi.advanceTimersByTime(1000);
    expect(saves).toHaveLength(0);
    engine.accountRevision++;
    vi.advanceTimersByTime(200);
    expect(saves).toHaveLength(1);
    engine.accountRevision++;
    vi.advanceTimersByTime(200);
    expect(saves).toHaveLength(2);
    persister.close();
    expect(saves).toHaveLength(3);
  });

  it("waits nine times a slow save's duration before the next one", () => {
    const { engine, saves, persister } = setup(1000);
    engine.accountRevision++;
    vi.advanceTimersByTime(200);
    expect(saves).toHaveLength(1);
    engine.accountRevision++;
    vi.advanceTimersByTime(8000);
    expect(saves).toHaveLength(1);
    vi.advanceTimersByTime(2000);
    expect(saves).toHaveLength(2);
    persister.close();
  });
});
