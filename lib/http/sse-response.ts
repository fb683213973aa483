import { problemResponse } from "./problem";

/** An event-stream Response; proxies must neither buffer nor transform it. */
export function sseResponse(body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}

/**
 * EventSource always sends `Accept: text/event-stream`; anything else asking for a never-ending
 * stream is almost certainly a mistake (and would hang a plain HTTP client), so it gets 406.
 */
export function notAnEventStreamRequest(request: Request, requestId: string): Response | undefined {
  const accept = request.headers.get("accept") ?? "";
  if (/text\/event-stream/i.test(accept)) return undefined;
  return problemResponse({
    status: 406,
    code: "event_stream_required",
    detail: "This is a Server-Sent Events stream: send Accept: text/event-stream",
    requestId,
  });
}
