import type http from "node:http";
import compression from "compression";

type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

/**
 * gzip for pages and static assets, in place of Next.js's own compression (turned off in
 * next.config.mjs), which also gzipped every small API answer and cost more CPU than it saved bytes.
 * API routes (small JSON, and SSE streams that must not be buffered) go out as they are.
 */
export function compressPagesAndAssets(): Middleware {
  return compression({
    filter: (req, res) => !(req.url ?? "").startsWith("/api/") && compression.filter(req, res),
  }) as unknown as Middleware;
}
