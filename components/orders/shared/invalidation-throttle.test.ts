import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createInvalidationThrottle } from "./invalidation-throttle";

describe("createInvalidationThrottle", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs once per burst, settleMs after its first request", () => {
    const run = vi.fn();
    const throttle = createInvalidationThrottle(run, { settleMs: 150, minIntervalMs: 0 });
    throttle.request();
    vi.advanceTimersByTime(100);
    throttle.request();
    throttle.request();
    vi.advanceTimersByTime(49);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    throttle.request();
    vi.advanceTimersByTime(150);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("keeps minIntervalMs between runs without dropping the request that waits", () => {
    const run = vi.fn();
    const throttle = createInvalidationThrottle(run, { settleMs: 150, minIntervalMs: 1_000 });
    throttle.request();
    vi.advanceTimersByTime(150);
    expect(run).toHaveBeenCalledTimes(1);
    // Asked for at once after the first run: due a full interval after it.
    throttle.request();
    vi.advanceTimersByTime(999);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(2);
    // Long after the last run only the settle delay applies.
    vi.advanceTimersByTime(5_000);
    throttle.request();
    vi.advanceTimersByTime(150);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it("runs nothing after cancel", () => {
    const run = vi.fn();
    const throttle = createInvalidationThrottle(run, { settleMs: 150, minIntervalMs: 0 });
    throttle.request();
    throttle.cancel();
    vi.advanceTimersByTime(1_000);
    expect(run).not.toHaveBeenCalled();
  });
});
