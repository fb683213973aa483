import { requireDatabaseUrl } from "../lib/env";
import type { Sim } from "../lib/venue/testing/sim-test-helpers";
import { type RouteServer, spawnRouteServer } from "./spawn-route-server";

/**
 * App processes for multi-process tests, on this run's database and a test's simulator; `stopAll`
 * (afterEach) stops every one started.
 */
export function routeServers(options: { sim: () => Sim }) {
  const started: RouteServer[] = [];
  return {
    start: async (env: Record<string, string> = {}) => {
      const server = await spawnRouteServer({
        DATABASE_URL: requireDatabaseUrl(),
        SIM_PORT: String(options.sim().port),
        VENUE: "sim",
        LOG_LEVEL: process.env.ROUTE_SERVER_LOG ?? "silent",
        ...env,
      });
      started.push(server);
      return server;
    },
    stopAll: () => Promise.all(started.splice(0).map((server) => server.stop())),
  };
}

/** POST /api/orders on a route server with a bearer token and an Idempotency-Key. */
export async function postOrderTo(options: {
  server: RouteServer;
  token: string;
  idempotencyKey: string;
  body: unknown;
}): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${options.server.url}/api/orders`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${options.token}`,
      "idempotency-key": options.idempotencyKey,
    },
    body: JSON.stringify(options.body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
