/** One parsed Server-Sent Events message (comments and `retry:` lines are reported as such). */
export interface SseFrame {
  event?: string;
  id?: string;
  data?: string;
  comment?: string;
  retry?: number;
}

/** Incremental reader of an event-stream body, one frame at a time. */
export class SseFrameReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = "";
  private readonly frames: SseFrame[] = [];

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** The next frame; undefined when the stream ends. */
  async next(): Promise<SseFrame | undefined> {
    while (this.frames.length === 0) {
      const { value, done } = await this.reader.read();
      if (done) return undefined;
      this.buffer += this.decoder.decode(value, { stream: true });
      let end = this.buffer.indexOf("\n\n");
      while (end >= 0) {
        this.frames.push(parseFrame(this.buffer.slice(0, end)));
        this.buffer = this.buffer.slice(end + 2);
        end = this.buffer.indexOf("\n\n");
      }
    }
    return this.frames.shift();
  }

  /** Next frame with an `event:` field, skipping comments and retry lines. */
  async nextEvent(): Promise<SseFrame | undefined> {
    for (;;) {
      const frame = await this.next();
      if (frame === undefined || frame.event !== undefined) return frame;
    }
  }

  async cancel(): Promise<void> {
    await this.reader.cancel();
  }
}

function parseFrame(text: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of text.split("\n")) {
    if (line.startsWith(":")) frame.comment = line.slice(1).trim();
    else if (line.startsWith("event: ")) frame.event = line.slice(7);
    else if (line.startsWith("id: ")) frame.id = line.slice(4);
    else if (line.startsWith("data: "))
      frame.data = (frame.data === undefined ? "" : `${frame.data}\n`) + line.slice(6);
    else if (line.startsWith("retry: ")) frame.retry = Number(line.slice(7));
  }
  return frame;
}
