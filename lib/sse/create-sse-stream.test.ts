import { describe, expect, it } from "vitest";
import { createSseStream } from "./create-sse-stream";

const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("createSseStream", () => {
  it("asks the source for a chunk only when the client can take one", async () => {
    let asked = 0;
    let wake = () => {};
    const stream = createSseStream({
      source: {
        start: (w) => {
          wake = w;
        },
        nextChunk: () => {
          asked += 1;
          return `data: ${asked}\n\n`;
        },
        close: () => {},
      },
      heartbeatMs: 60_000,
      retryMs: 1_000,
    });
    const reader = stream.readable.getReader();
    for (let i = 0; i < 10; i++) wake();
    await turn();
    // the first chunk fills the client's one-chunk queue; wakes meanwhile ask for nothing
    expect(asked).toBe(1);
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe("retry: 1000\n\ndata: 1\n\n");
    await turn();
    for (let i = 0; i < 10; i++) wake();
    expect(asked).toBe(2);
    await reader.cancel();
  });
});
