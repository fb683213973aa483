/** Produces chunks on demand: the stream asks only when the client can take one. */
export interface SseSource {
  /** Called once; the source calls `wake` whenever it may have something to send. */
  start(wake: () => void): void;
  /**
   * The next chunk to send now, or undefined when there is nothing (or nothing yet). Bytes are
   * enqueued as they are, so one encoded frame can be shared by many clients.
   */
  nextChunk(): Uint8Array | string | undefined;
  close(): void;
}

export interface SseStream {
  readonly readable: ReadableStream<Uint8Array>;
}

export interface CreateSseStreamOptions {
  source: SseSource;
  heartbeatMs: number;
  retryMs: number;
  /** Aborts when the client goes away. */
  signal?: AbortSignal;
}

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(": heartbeat\n\n");

/**
 * A text/event-stream body that never buffers more than one chunk per client: a chunk is
 * enqueued only while `desiredSize > 0`; otherwise the source stays dirty and is asked again
 * when the client reads (`pull`), so a slow client gets the latest state, not a backlog.
 */
export function createSseStream(options: CreateSseStreamOptions): SseStream {
  const { source, heartbeatMs, retryMs, signal } = options;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let prefix: Uint8Array | undefined = encoder.encode(`retry: ${retryMs}\n\n`);
  let heartbeatDue = false;
  let closed = false;
  let heartbeat: NodeJS.Timeout | undefined;

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    signal?.removeEventListener("abort", onAbort);
    source.close();
  };
  const onAbort = () => {
    try {
      controller?.close();
    } catch {
      // already closed or errored
    }
    close();
  };

  const flush = () => {
    if (closed || !controller || (controller.desiredSize ?? 0) <= 0) return;
    const next = source.nextChunk();
    let chunk = typeof next === "string" ? encoder.encode(next) : next;
    if (chunk === undefined && heartbeatDue) chunk = HEARTBEAT;
    if (chunk === undefined && prefix === undefined) return;
    heartbeatDue = false;
    if (prefix !== undefined) chunk = chunk === undefined ? prefix : Buffer.concat([prefix, chunk]);
    prefix = undefined;
    controller.enqueue(chunk!);
  };

  const readable = new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        if (signal?.aborted) {
          onAbort();
          return;
        }
        signal?.addEventListener("abort", onAbort, { once: true });
        heartbeat = setInterval(() => {
          heartbeatDue = true;
          flush();
        }, heartbeatMs);
        heartbeat.unref();
        source.start(flush);
        flush();
      },
      pull() {
        flush();
      },
      cancel() {
        close();
      },
    },
    new CountQueuingStrategy({ highWaterMark: 1 }),
  );

  return { readable };
}
