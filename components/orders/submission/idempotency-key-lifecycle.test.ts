import { describe, expect, it } from "vitest";
import {
  beginSubmission,
  type KeyLifecycle,
  openKeyLifecycle,
  requestEdited,
  type SubmissionOutcome,
  settleSubmission,
} from "./idempotency-key-lifecycle";

function begin(state: KeyLifecycle) {
  const started = beginSubmission(state);
  if (!started) throw new Error("expected the submission to start");
  return started;
}

describe("idempotency key lifecycle", () => {
  it("uses the key created when the ticket opened", () => {
    expect(begin(openKeyLifecycle("k1")).key).toBe("k1");
  });

  it("refuses a second submission while one is in flight (double click, repeated Enter)", () => {
    const { state } = begin(openKeyLifecycle("k1"));
    expect(beginSubmission(state)).toBeNull();
    expect(state.key).toBe("k1");
  });

  it("keeps the key after an indefinite outcome, so the resend is a retry of the same request", () => {
    const first = begin(openKeyLifecycle("k1"));
    const settled = settleSubmission(first.state, "indefinite", first.key, "k2");
    expect(settled).toEqual({ key: "k1", phase: "ready" });
    expect(begin(settled).key).toBe("k1");
  });

  it("replaces the key after a definitive outcome such as a rejection", () => {
    const first = begin(openKeyLifecycle("k1"));
    const settled = settleSubmission(first.state, "definitive", first.key, "k2");
    expect(settled).toEqual({ key: "k2", phase: "ready" });
    expect(begin(settled).key).toBe("k2");
  });

  it("after a placed order, refuses late clicks until the order is edited or the ticket reset", () => {
    const first = begin(openKeyLifecycle("k1"));
    const placed = settleSubmission(first.state, "placed", first.key, "k2");
    expect(placed).toEqual({ key: "k2", phase: "placed" });
    expect(beginSubmission(placed)).toBeNull();
    expect(begin(requestEdited(placed, "k3")).key).toBe("k3");
  });

  it("replaces the key when the order is edited: an edited order is a new request", () => {
    const first = begin(openKeyLifecycle("k1"));
    const afterFailure = settleSubmission(first.state, "indefinite", first.key, "unused");
    const edited = requestEdited(afterFailure, "k2");
    expect(begin(edited).key).toBe("k2");
  });

  it("an edit during flight gives the edited order a new key, whatever the in-flight outcome", () => {
    for (const outcome of ["placed", "definitive", "indefinite"] as const) {
      const first = begin(openKeyLifecycle("k1"));
      const edited = requestEdited(first.state, "k2");
      expect(beginSubmission(edited)).toBeNull();
      const settled = settleSubmission(edited, outcome, first.key, "k3");
      expect(settled).toEqual({ key: "k2", phase: "ready" });
    }
  });

  it("walks a whole session: retries share a key, each new order gets its own", () => {
    const keys = ["k2", "k3", "k4"];
    let state = openKeyLifecycle("k1");
    const sent: string[] = [];
    const submit = (outcome: SubmissionOutcome) => {
      const started = begin(state);
      sent.push(started.key);
      const fresh = outcome === "indefinite" ? "never-used" : (keys.shift() ?? "spare");
      state = settleSubmission(started.state, outcome, started.key, fresh);
    };
    submit("indefinite"); // network error
    submit("indefinite"); // still in progress
    submit("placed"); // placed (or replayed)
    state = requestEdited(state, "k5"); // the operator changes the price
    submit("definitive"); // rejected by the venue
    submit("placed"); // sent again as is after the rejection: a new request
    expect(sent).toEqual(["k1", "k1", "k1", "k5", "k3"]);
  });
});
