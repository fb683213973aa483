const CHUNK_CHARS = 64 * 1024;

/**
 * A response body written as `parts` arrive, in chunks of about 64 KiB: the next chunk is read only
 * when the client has taken the previous one, so a slow download holds one chunk, not the document.
 */
export function streamedTextResponse(
  parts: AsyncIterable<string>,
  headers: Record<string, string>,
): Response {
  const iterator = parts[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      while (chunk.length < CHUNK_CHARS) {
        const next = await iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(body, { status: 200, headers: { "cache-control": "no-store", ...headers } });
}
