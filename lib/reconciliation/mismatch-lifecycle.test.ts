import { describe, expect, it } from "vitest";
import { canMoveMismatch } from "./mismatch-lifecycle";
import { MISMATCH_STATUSES } from "./read/mismatch-vocabulary";

describe("mismatch lifecycle", () => {
  it("moves open -> acknowledged -> resolved | accepted, engine-only auto_resolved from open states, nothing out of a final state", () => {
    const allowed = MISMATCH_STATUSES.flatMap((from) =>
      MISMATCH_STATUSES.filter((to) => canMoveMismatch(from, to)).map((to) => `${from}->${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        "acknowledged->accepted",
        "acknowledged->auto_resolved",
        "acknowledged->resolved",
        "open->accepted",
        "open->acknowledged",
        "open->auto_resolved",
        "open->resolved",
      ].sort(),
    );
  });
});
