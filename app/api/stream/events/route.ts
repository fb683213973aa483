import { openEventsStream } from "@/lib/events/open-events-stream";
import { defineRoute } from "@/lib/http/define-route";
import { notAnEventStreamRequest, sseResponse } from "@/lib/http/sse-response";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = defineRoute({
  access: "viewer",
  handler: async ({ request }) => {
    const refused = notAnEventStreamRequest(request);
    if (refused) return refused;
    return sseResponse(openEventsStream({ signal: request.signal }).readable);
  },
});
