import { randomUUID } from "node:crypto";
import type { NextRouteHandler } from "./define-route";
import { problemResponse } from "./problem";

type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
const ROUTE_METHODS: readonly Method[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The methods a route answers, in the order the Allow header lists them. */
export function allowedMethods(defined: Partial<Record<Method, unknown>>): string[] {
  return ROUTE_METHODS.filter(
    (method) => method === "OPTIONS" || defined[method] !== undefined || (method === "HEAD" && defined.GET),
  );
}

function methodNotAllowed(allow: string[]): NextRouteHandler {
  const handler = async (request: Request) => {
    const incoming = request.headers.get("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const response = problemResponse({
      status: 405,
      code: "method_not_allowed",
      detail: `${request.method} is not allowed on ${new URL(request.url).pathname}; use ${allow.join(", ")}`,
      requestId,
      headers: { allow: allow.join(", ") },
    });
    response.headers.set("x-request-id", requestId);
    return response;
  };
  return Object.assign(handler, { access: "public" as const, refusesMethod: true });
}

function options(allow: string[]): NextRouteHandler {
  const handler = async () => new Response(null, { status: 204, headers: { allow: allow.join(", ") } });
  return Object.assign(handler, { access: "public" as const, refusesMethod: true });
}

/**
 * Handlers for every method a route does not define, so that Next.js never answers a wrong method
 * with its own empty 405: a problem+json 405 `method_not_allowed` with `Allow` and a request id, and
 * OPTIONS with `Allow`. HEAD of a route with GET is left to Next.js (GET without the body).
 */
export function otherMethods(
  defined: Partial<Record<Method, NextRouteHandler>>,
): Record<Method, NextRouteHandler> {
  const allow = allowedMethods(defined);
  const refuse = methodNotAllowed(allow);
  return Object.fromEntries(
    ROUTE_METHODS.map((method) => [
      method,
      method === "OPTIONS" ? options(allow) : (defined[method] ?? refuse),
    ]),
  ) as Record<Method, NextRouteHandler>;
}
