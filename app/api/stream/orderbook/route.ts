import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { notAnEventStreamRequest, sseResponse } from "@/lib/http/sse-response";
import { openOrderbookStream } from "@/lib/marketdata/open-orderbook-stream";
import { orderbookStreamQuerySchema } from "@/lib/marketdata/orderbook-stream-protocol";
import { appServices } from "@/lib/runtime/app-services";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = defineRoute({
  access: "viewer",
  query: orderbookStreamQuerySchema,
  handler: async ({ request, requestId, query }) => {
    const refused = notAnEventStreamRequest(request, requestId);
    if (refused) return refused;
    const stream = await openOrderbookStream({
      hub: appServices().bookHub,
      symbol: query.symbol,
      depth: query.depth,
      signal: request.signal,
    });
    return sseResponse(stream.readable);
  },
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
