// A minimal app server for multi-process tests: serves the order, idempotency, instrument, reconciliation-run and kill-switch route
// modules over node:http in its own process (own Prisma pool, own venue client) and runs the order
// sweeper. Env: DATABASE_URL, SIM_PORT, ROUTE_SERVER_PORT (default 0 = any); prints "listening <port>" when ready.
// Run with: node --import tsx test/route-server.ts
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as idempotencyKey from "../app/api/idempotency/[key]/route";
import * as instruments from "../app/api/instruments/route";
import * as engage from "../app/api/kill-switch/engage/route";
import * as release from "../app/api/kill-switch/release/route";
import * as killSwitch from "../app/api/kill-switch/route";
import * as cancel from "../app/api/orders/[id]/cancel/route";
import * as orderById from "../app/api/orders/[id]/route";
import * as batch from "../app/api/orders/batch/route";
import * as orders from "../app/api/orders/route";
import * as reconciliationRuns from "../app/api/reconciliation/runs/route";
import type { NextRouteHandler } from "../lib/http/define-route";
import { orderSweeperService } from "../lib/orders/order-sweeper-service";
import { createReconciliationGate } from "../lib/reconciliation/reconciliation-gate";
import { reconciliationService } from "../lib/reconciliation/reconciliation-service";
import { appServices, createAppServices, replaceAppServices } from "../lib/runtime/app-services";

type Module = Partial<Record<"GET" | "POST", NextRouteHandler>>;
const routes: Array<[RegExp, Module, string[]]> = [
  [/^\/api\/orders$/, orders, []],
  [/^\/api\/orders\/batch$/, batch, []],
  [/^\/api\/orders\/([^/]+)\/cancel$/, cancel, ["id"]],
  [/^\/api\/orders\/([^/]+)$/, orderById, ["id"]],
  [/^\/api\/idempotency\/([^/]+)$/, idempotencyKey, ["key"]],
  [/^\/api\/instruments$/, instruments, []],
  [/^\/api\/reconciliation\/runs$/, reconciliationRuns, []],
  [/^\/api\/kill-switch$/, killSwitch, []],
  [/^\/api\/kill-switch\/engage$/, engage, []],
  [/^\/api\/kill-switch\/release$/, release, []],
];

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    for (const [pattern, module, names] of routes) {
      const match = pattern.exec(url.pathname);
      const handler = match ? module[req.method as "GET" | "POST"] : undefined;
      if (!match || !handler) continue;
      const params = Object.fromEntries(
        names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? "")]),
      );
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === "string") headers.set(name, value);
      headers.set("x-tally-client-ip", "127.0.0.1");
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const response = await handler(
        new Request(`http://127.0.0.1${url.pathname}${url.search}`, {
          method: req.method,
          headers,
          body,
        }),
        { params: Promise.resolve(params) },
      );
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end('{"code":"route_not_found"}');
  } catch (error) {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end(String(error));
  }
});

// Placements wait for a reconciliation run only when this server runs the reconciler itself.
const reconciles = process.env.ROUTE_SERVER_RECONCILIATION === "on";
await replaceAppServices(
  createAppServices({
    reconciliationGate: createReconciliationGate({ bootedAt: new Date(), open: !reconciles }),
  }),
);

server.listen(Number(process.env.ROUTE_SERVER_PORT ?? 0), "127.0.0.1", () => {
  if (process.env.ROUTE_SERVER_SWEEPER !== "off") orderSweeperService(appServices().venue).start();
  if (reconciles) reconciliationService({ venue: appServices().venue, intervalMs: 60_000 }).start();
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
