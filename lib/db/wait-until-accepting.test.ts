import { describe, expect, it } from "vitest";
import { waitUntilAccepting } from "./wait-until-accepting";

describe("waitUntilAccepting", () => {
  it("retries a refused connection until it succeeds", async () => {
    let attempts = 0;
    await waitUntilAccepting(
      async () => {
        attempts += 1;
        if (attempts < 4) throw new Error("ECONNREFUSED");
      },
      "PostgreSQL on 127.0.0.1:5999",
      { intervalMs: 5 },
    );
    expect(attempts).toBe(4);
  });

  it("gives up after the timeout with an error naming what it waited for", async () => {
    await expect(
      waitUntilAccepting(
        async () => {
          throw new Error("ECONNREFUSED");
        },
        "PostgreSQL on 127.0.0.1:5999 (data dir /tmp/x)",
        { timeoutMs: 50, intervalMs: 10 },
      ),
    ).rejects.toThrow(
      "PostgreSQL on 127.0.0.1:5999 (data dir /tmp/x) did not accept connections within 0 s (last error: ECONNREFUSED)",
    );
  });
});
