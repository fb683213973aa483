import type { SseSource } from "../sse/create-sse-stream";
import type { OrderbookBroadcast } from "./orderbook-broadcast";

export interface OrderbookStreamSessionOptions {
  broadcast: OrderbookBroadcast;
}

/**
 * One client of a shared OrderbookBroadcast. It holds no book of its own, only where it is: the
 * last broadcast chunk and book frame seq it was given and its tape cursor. A client that took the
 * previous chunk gets the broadcast's newest chunk as is (the same bytes as every other client); a
 * new client, or one that could not take a chunk in time, gets the trades still kept and the
 * shared snapshot of the newest frame's state, so a slow client holds at most one chunk and
 * always catches up to the latest state, never a backlog.
 */
export class OrderbookStreamSession implements SseSource {
  private readonly broadcast: OrderbookBroadcast;
  /** 0 until the first (snapshot) frame was given to this client. */
  private sentSeq = 0;
  private sentChunk = 0;
  private tradeCursor = 0;
  private detach: (() => void) | undefined;
  private closed = false;

  constructor(options: OrderbookStreamSessionOptions) {
    this.broadcast = options.broadcast;
  }

  start(wake: () => void): void {
    this.tradeCursor = this.broadcast.tradeCount;
    this.detach = this.broadcast.attach(wake);
  }

  close(): void {
    this.closed = true;
    this.detach?.();
    this.detach = undefined;
  }

  nextChunk(): Uint8Array | undefined {
    if (this.closed) return undefined;
    const latest = this.broadcast.latest();
    if (this.sentSeq !== 0 && latest.n === this.sentChunk) return undefined;
    if (this.sentSeq !== 0 && latest.n === this.sentChunk + 1) {
      // in step: the bytes every other client in step gets
      this.sentChunk = latest.n;
      this.sentSeq = latest.seq;
      this.tradeCursor = latest.tradesEnd;
      return latest.bytes;
    }
    const parts = this.tradesToCatchUp();
    const book = this.bookToCatchUp();
    if (book !== undefined) parts.push(book);
    this.sentChunk = latest.n;
    if (parts.length <= 1) return parts[0];
    return Buffer.concat(parts);
  }

  private bookToCatchUp(): Uint8Array | undefined {
    const seq = this.broadcast.seq;
    if (seq === this.sentSeq) return undefined;
    const next = this.sentSeq !== 0 && seq === this.sentSeq + 1;
    const frame = next ? this.broadcast.current() : this.broadcast.snapshot();
    this.sentSeq = seq;
    return frame.bytes;
  }

  private tradesToCatchUp(): Uint8Array[] {
    if (this.tradeCursor === this.broadcast.tradeCount) return [];
    const chunks = this.broadcast.tradesSince(this.tradeCursor);
    this.tradeCursor = this.broadcast.tradeCount;
    return chunks;
  }
}
