import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "./circuit-breaker";

function setup(threshold = 2) {
  let now = 1_000;
  const changes: string[] = [];
  const breaker = new CircuitBreaker({
    name: "platform",
    failureThreshold: threshold,
    openMs: 1_000,
    now: () => now,
    onStateChange: ({ from, to }) => changes.push(`${from}->${to}`),
  });
  return { breaker, changes, advance: (ms: number) => (now += ms) };
}

describe("CircuitBreaker", () => {
  it("opens after the threshold of consecutive failures and refuses requests", () => {
    const { breaker, changes } = setup();
    breaker.recordFailure();
    expect(breaker.state).toBe("closed");
    breaker.recordFailure();
    expect(breaker.state).toBe("open");
    expect(breaker.tryAcquire()).toBe(false);
    expect(changes).toEqual(["closed->open"]);
    expect(breaker.openCount).toBe(1);
  });

  it("a success resets the consecutive failure count", () => {
    const { breaker } = setup();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.state).toBe("closed");
  });

  it("goes half-open after openMs, lets exactly one probe through, closes on success", () => {
    const { breaker, changes, advance } = setup();
    breaker.recordFailure();
    breaker.recordFailure();
    advance(999);
    expect(breaker.state).toBe("open");
    advance(1);
    expect(breaker.state).toBe("half_open");
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state).toBe("closed");
    expect(changes).toEqual(["closed->open", "open->half_open", "half_open->closed"]);
  });

  it("re-opens when the half-open probe fails", () => {
    const { breaker, advance } = setup();
    breaker.recordFailure();
    breaker.recordFailure();
    advance(1_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state).toBe("open");
    expect(breaker.openCount).toBe(2);
  });

  it("honours an explicit open time (Retry-After)", () => {
    const { breaker, advance } = setup(1);
    breaker.recordFailure({ openForMs: 5_000 });
    advance(4_000);
    expect(breaker.state).toBe("open");
    expect(breaker.remainingOpenMs).toBe(1_000);
    advance(1_000);
    expect(breaker.state).toBe("half_open");
  });

  it("releaseProbe frees the half-open slot without deciding", () => {
    const { breaker, advance } = setup(1);
    breaker.recordFailure();
    advance(1_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.releaseProbe();
    expect(breaker.state).toBe("half_open");
    expect(breaker.tryAcquire()).toBe(true);
  });
});
