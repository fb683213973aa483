import { randomUUID } from "node:crypto";
import http from "node:http";
import { problemBody } from "../../lib/http/problem";

/** The methods a Next.js route can define; anything else (TRACE, CONNECT, PROPFIND...) Next.js cannot route. */
const ROUTABLE = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** What the app allows on a path: its own OPTIONS answer (API routes list their methods there). */
function allowOf(options: { port: number; path: string }): Promise<string> {
  return new Promise((resolve) => {
    const request = http.request(
      { host: "127.0.0.1", port: options.port, method: "OPTIONS", path: options.path },
      (response) => {
        response.resume();
        resolve(String(response.headers.allow ?? "GET, HEAD, OPTIONS"));
      },
    );
    request.on("error", () => resolve("GET, HEAD, OPTIONS"));
    request.end();
  });
}

/**
 * Answers a method Next.js cannot route (it would throw and answer 500) with problem+json 405, the
 * path's Allow and a request id. Returns false for every method Next.js handles itself.
 */
export async function refuseUnknownMethod(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: { port: number },
): Promise<boolean> {
  const method = req.method ?? "";
  if (ROUTABLE.has(method)) return false;
  const path = req.url ?? "/";
  const allow = path.startsWith("/api/") ? await allowOf({ port: options.port, path }) : "GET, HEAD, OPTIONS";
  const requestId = randomUUID();
  const body = problemBody({
    status: 405,
    code: "method_not_allowed",
    detail: `${method} is not allowed on ${path.split("?")[0]}; use ${allow}`,
    requestId,
  });
  res.writeHead(405, {
    "content-type": "application/problem+json",
    "cache-control": "no-store",
    allow,
    "x-request-id": requestId,
  });
  res.end(JSON.stringify(body));
  return true;
}
