import http from "node:http";

/** What one benchmark SSE client saw. Parsing is kept minimal so the clients cost little CPU. */
export interface SseClientTally {
  snapshots: number;
  updates: number;
  statuses: number;
  trades: number;
  /** Update/status frames whose seq was not the previous book frame's + 1. */
  gaps: number;
  /** The first book frame was not a snapshot. */
  noLeadingSnapshot: boolean;
  bytes: number;
}

export interface SseBenchClient {
  readonly tally: SseClientTally;
  readonly opened: Promise<void>;
  close(): void;
}

const fieldNumber = (data: string, name: string): number | undefined => {
  const at = data.indexOf(`"${name}":`);
  if (at < 0) return undefined;
  const value = Number.parseInt(data.slice(at + name.length + 3, at + name.length + 23), 10);
  return Number.isNaN(value) ? undefined : value;
};

/**
 * A plain HTTP EventSource stand-in for benchmarks: one keep-alive GET with a bearer token, frames
 * split on blank lines, `seq` checked (snapshot first, then previous + 1 until the next snapshot),
 * and `onUpdate(receivedAt, venueTime)` for every update frame.
 */
export function openSseClient(options: {
  url: string;
  token: string;
  onUpdate: (receivedAt: number, venueTime: number) => void;
}): SseBenchClient {
  const tally: SseClientTally = {
    snapshots: 0,
    updates: 0,
    statuses: 0,
    trades: 0,
    gaps: 0,
    noLeadingSnapshot: false,
    bytes: 0,
  };
  let seq: number | undefined;
  let buffer = "";
  let request: http.ClientRequest | undefined;
  const agent = new http.Agent({ keepAlive: false });

  const onFrame = (frame: string, receivedAt: number) => {
    if (frame.startsWith(":") || frame.startsWith("retry:")) return;
    const event = frame.slice(7, frame.indexOf("\n"));
    if (event === "trade") {
      tally.trades += 1;
      return;
    }
    const dataAt = frame.indexOf("\ndata: ");
    const data = frame.slice(dataAt + 7);
    const frameSeq = fieldNumber(data, "seq");
    if (event === "snapshot") {
      tally.snapshots += 1;
      seq = frameSeq;
      return;
    }
    if (seq === undefined) tally.noLeadingSnapshot = true;
    else if (frameSeq !== seq + 1) tally.gaps += 1;
    seq = frameSeq;
    if (event === "status") {
      tally.statuses += 1;
      return;
    }
    tally.updates += 1;
    const venueTime = fieldNumber(data, "venueTime");
    if (venueTime !== undefined) options.onUpdate(receivedAt, venueTime);
  };

  const opened = new Promise<void>((resolve, reject) => {
    request = http.get(
      options.url,
      { agent, headers: { accept: "text/event-stream", authorization: `Bearer ${options.token}` } },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`GET ${options.url}: ${response.statusCode}`));
          response.resume();
          return;
        }
        resolve();
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          const receivedAt = Date.now();
          tally.bytes += chunk.length;
          buffer += chunk;
          let end = buffer.indexOf("\n\n");
          while (end >= 0) {
            onFrame(buffer.slice(0, end), receivedAt);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf("\n\n");
          }
        });
        response.on("error", () => {});
      },
    );
    request.on("error", reject);
  });
  opened.catch(() => {});

  return {
    tally,
    opened,
    close: () => {
      request?.destroy();
      agent.destroy();
    },
  };
}
