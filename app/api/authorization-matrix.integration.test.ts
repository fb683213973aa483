import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hasRole, ROLES, type Role } from "@/lib/auth/roles";
import type { Access, NextRouteHandler } from "@/lib/http/define-route";
import { callRoute, TEST_ORIGIN } from "@/test/http-client";
import { apiTokenFor, signedInUser } from "@/test/principals";
import { resetDatabase } from "@/test/reset-database";

/**
 * Every API route and method with the least role it admits. A new route fails this test until it is
 * listed here, so access is always a deliberate decision.
 */
const EXPECTED: Record<string, Access> = {
  "GET /api/health": "public",
  "GET /api/ready": "public",
  "POST /api/auth/login": "public",
  "POST /api/auth/logout": "viewer",
  "GET /api/me": "viewer",
  "GET /api/users": "risk",
  "POST /api/users": "risk",
  "PATCH /api/users/[id]": "risk",
  "GET /api/tokens": "risk",
  "POST /api/tokens": "risk",
  "DELETE /api/tokens/[id]": "risk",
  "GET /api/stream/orderbook": "viewer",
  "GET /api/stream/events": "viewer",
  "GET /api/instruments": "viewer",
  "GET /api/orders": "viewer",
  "POST /api/orders": "trader",
  "POST /api/orders/batch": "trader",
  "GET /api/orders/[id]": "viewer",
  "POST /api/orders/[id]/cancel": "trader",
  "GET /api/idempotency/[key]": "viewer",
  "GET /api/risk-limits": "viewer",
  "PUT /api/risk-limits": "risk",
  "GET /api/reconciliation/summary": "viewer",
  "GET /api/reconciliation/runs": "viewer",
  "POST /api/reconciliation/runs": "trader",
  "GET /api/reconciliation/runs/[id]": "viewer",
  "GET /api/reconciliation/mismatches": "viewer",
  "GET /api/reconciliation/mismatches/[id]": "viewer",
  "GET /api/kill-switch": "viewer",
  "POST /api/kill-switch/engage": "trader",
  "POST /api/kill-switch/release": "risk",
  "POST /api/reconciliation/mismatches/[id]/acknowledge": "trader",
  "POST /api/reconciliation/mismatches/[id]/resolve": "risk",
  "POST /api/reconciliation/mismatches/[id]/accept": "risk",
  "POST /api/reconciliation/mismatches/[id]/adjust": "trader",
  "GET /api/balances": "viewer",
  "GET /api/audit": "risk",
  "POST /api/webhooks/signals/[sourceId]": "public",
  "GET /api/webhooks/intents": "viewer",
  "GET /api/webhooks/intents/[id]": "viewer",
  "GET /api/webhook-sources": "risk",
  "POST /api/webhook-sources": "risk",
  "GET /api/webhook-sources/[id]": "risk",
  "PATCH /api/webhook-sources/[id]": "risk",
  "POST /api/webhook-sources/[id]/rotate": "risk",
  "GET /api/[...path]": "public",
  "POST /api/[...path]": "public",
  "PUT /api/[...path]": "public",
  "PATCH /api/[...path]": "public",
  "DELETE /api/[...path]": "public",
};

const LOGOUT = "POST /api/auth/logout";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const apiDir = path.resolve(import.meta.dirname);

type RouteCase = { key: string; method: string; route: string; handler: NextRouteHandler };

async function discoverRoutes(): Promise<RouteCase[]> {
  const files = readdirSync(apiDir, { recursive: true, encoding: "utf8" }).filter((f) =>
    f.endsWith("route.ts"),
  );
  const cases: RouteCase[] = [];
  for (const file of files) {
    const route = `/api/${path.dirname(file)}`.replace(/\/\.$/, "");
    const module = (await import(path.join(apiDir, file))) as Record<string, NextRouteHandler>;
    for (const method of METHODS) {
      const handler = module[method];
      // Methods a route does not define answer 405 (other-methods.ts), for everyone alike.
      if (handler && !(handler as { refusesMethod?: boolean }).refusesMethod)
        cases.push({ key: `${method} ${route}`, method, route, handler });
    }
  }
  return cases;
}

const params = (route: string): Record<string, string | string[]> =>
  route.includes("[id]")
    ? { id: "00000000-0000-4000-8000-000000000000" }
    : route.includes("[key]")
      ? { key: "no-such-key" }
      : route.includes("[...path]")
        ? { path: ["x"] }
        : {};

let routes: RouteCase[];
const tokens = {} as Record<Role, string>;
const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  await resetDatabase();
  // Logout revokes the session it is called with, so it goes last.
  routes = (await discoverRoutes()).sort((a, b) => Number(a.key === LOGOUT) - Number(b.key === LOGOUT));
  for (const role of ROLES) tokens[role] = (await apiTokenFor(role)).token;
});

beforeEach(async () => {
  for (const role of ROLES) cookies[role] = (await signedInUser(role)).cookie;
});

describe("authorization matrix", () => {
  it("lists exactly the routes that exist, each wrapped with its declared role", () => {
    expect(routes.map((r) => r.key).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const route of routes) expect(route.handler.access, route.key).toBe(EXPECTED[route.key]);
  });

  it("answers 401 problem+json to anonymous callers of every protected route", async () => {
    for (const route of routes.filter((r) => r.handler.access !== "public")) {
      const response = await callRoute(route.handler, {
        method: route.method,
        path: route.route,
        params: params(route.route),
        headers: { origin: TEST_ORIGIN },
        json: {},
      });
      expect(response.status, route.key).toBe(401);
      expect(response.headers.get("content-type"), route.key).toBe("application/problem+json");
    }
  });

  it("answers 403 below the required role and lets the required role through, by token and by cookie", async () => {
    for (const route of routes.filter((r) => r.handler.access !== "public")) {
      for (const role of ROLES) {
        for (const credentials of [{ token: tokens[role] }, { cookie: cookies[role] }]) {
          const response = await callRoute(route.handler, {
            method: route.method,
            path: route.route,
            params: params(route.route),
            headers: { origin: TEST_ORIGIN },
            json: {},
            ...credentials,
          });
          const label = `${route.key} as ${role} via ${"token" in credentials ? "token" : "cookie"}`;
          if (hasRole(role, route.handler.access as Role)) {
            expect([401, 403], label).not.toContain(response.status);
          } else {
            expect(response.status, label).toBe(403);
            expect(response.json.code, label).toBe("insufficient_role");
          }
        }
      }
    }
  });

  it("refuses cookie-authenticated writes without a same-origin Origin, but not bearer-token writes", async () => {
    const writes = routes.filter((r) => r.handler.access !== "public" && r.method !== "GET");
    expect(writes.length).toBeGreaterThan(0);
    for (const route of writes) {
      for (const origin of [undefined, "https://evil.example"]) {
        const response = await callRoute(route.handler, {
          method: route.method,
          path: route.route,
          params: params(route.route),
          cookie: cookies.risk,
          headers: origin ? { origin } : {},
          json: {},
        });
        expect(response.status, `${route.key} origin=${origin}`).toBe(403);
        expect(response.json.code).toBe("origin_check_failed");
      }
      const byToken = await callRoute(route.handler, {
        method: route.method,
        path: route.route,
        params: params(route.route),
        token: tokens.risk,
        json: {},
      });
      expect(byToken.status, route.key).not.toBe(403);
    }
  });
});
