import { openEventsStream } from "@/lib/events/open-events-stream";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { notAnEventStreamRequest, sseResponse } from "@/lib/http/sse-response";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = defineRoute({
  access: "viewer",
  handler: async ({ request, requestId }) => {
    const refused = notAnEventStreamRequest(request, requestId);
    if (refused) return refused;
    return sseResponse(openEventsStream({ signal: request.signal }).readable);
  },
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
