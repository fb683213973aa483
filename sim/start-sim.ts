import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { Account } from "./engine/account.js";
import { VenueClock } from "./engine/clock.js";
import { MatchingEngine } from "./engine/matching-engine.js";
import { INITIAL_BALANCES } from "./engine/symbols.js";
import { FaultInjector } from "./faults/fault-injector.js";
import { API_PREFIX, handleApi } from "./http/api-handler.js";
import { CONTROL_PREFIX, handleControl } from "./http/control-handler.js";
import { isLoopback, readBody, sendJson } from "./http/io.js";
import { RequestWeightMeter } from "./limits/request-weight.js";
import { SyntheticMarket } from "./market/synthetic-market.js";
import { loadState } from "./persistence/state-file.js";
import { persistState } from "./persistence/state-persister.js";
import type { SimContext } from "./sim-context.js";
import { ListenKeys } from "./ws/listen-keys.js";
import { MarketStreams } from "./ws/market-streams.js";
import { UserStreamHub } from "./ws/user-stream-hub.js";
import { WsApi } from "./ws/ws-api.js";

export const DEFAULTS = {
  port: 4010,
  apiKey: "tally-sim-key",
  apiSecret: "tally-sim-secret",
  seed: 1,
  diffsPerSecond: 10,
} as const;

export interface StartSimOptions {
  /** 0 picks a free port. */
  port?: number;
  seed?: number;
  apiKey?: string;
  apiSecret?: string;
  diffsPerSecond?: number;
  /** Synthetic market activity (default true). When false the seeded book stays still. */
  market?: boolean;
  /**
   * Where our account's orders, trades, balances and the id counters are kept across restarts, as a
   * real venue keeps them. Without it the state lives in memory only.
   */
  stateFile?: string;
  /** REQUEST_WEIGHT limit per minute (default Binance's 6000); also `POST /__sim/limits`. */
  requestWeightPerMinute?: number;
}

export interface SimHandle {
  port: number;
  /** http://127.0.0.1:port */
  restUrl: string;
  /** ws://127.0.0.1:port */
  wsUrl: string;
  apiKey: string;
  apiSecret: string;
  close(): Promise<void>;
}

export const WS_API_PATH = "/ws-api/v3";

export async function startSim(opts: StartSimOptions = {}): Promise<SimHandle> {
  const seed = opts.seed ?? DEFAULTS.seed;
  const apiKey = opts.apiKey ?? DEFAULTS.apiKey;
  const apiSecret = opts.apiSecret ?? DEFAULTS.apiSecret;

  const clock = new VenueClock();
  const engine = new MatchingEngine(clock);
  const account = new Account("main", apiKey, apiSecret, INITIAL_BALANCES);
  engine.addAccount(account);
  const saved = opts.stateFile ? loadState(opts.stateFile) : undefined;
  if (saved) engine.restore(saved);
  const faults = new FaultInjector(seed, clock);
  const market = new SyntheticMarket(engine, {
    seed,
    diffsPerSecond: opts.diffsPerSecond ?? DEFAULTS.diffsPerSecond,
  });
  market.seedBooks();

  const ctx: SimContext = {
    engine,
    clock,
    faults,
    account,
    accountsByKey: new Map([[apiKey, account]]),
    listenKeys: new ListenKeys(),
    market,
    requestWeight: new RequestWeightMeter(opts.requestWeightPerMinute),
  };
  const userHub = new UserStreamHub(engine, faults, clock);
  const streams = new MarketStreams(engine, faults, clock, ctx.listenKeys, userHub);
  const wsApi = new WsApi(ctx, userHub);
  const wss = new WebSocketServer({ noServer: true });
  const timers = new Set<NodeJS.Timeout>();

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const rawBody = await readBody(req);
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      if (!isLoopback(req.socket.remoteAddress)) {
        sendJson(res, 403, { error: "control endpoints are loopback-only" });
        return;
      }
      handleControl(ctx, req.method ?? "GET", url, rawBody, res);
      return;
    }
    if (url.pathname.startsWith(API_PREFIX)) {
      await handleApi({ ctx, timers }, req, res, url, rawBody);
      return;
    }
    sendJson(res, 404, { code: -1000, msg: `Unknown path ${url.pathname}` });
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      console.error("sim: request failed", err);
      sendJson(res, 500, { code: -1000, msg: "An unknown error occurred while processing the request." });
    });
  });

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    if (path === WS_API_PATH) {
      wss.handleUpgrade(req, socket, head, (ws) => wsApi.accept(ws));
    } else if (path === "/ws" || path.startsWith("/ws/")) {
      const names = path.slice("/ws".length).split("/").filter(Boolean);
      wss.handleUpgrade(req, socket, head, (ws) => streams.accept(ws, false, names));
    } else if (path === "/stream") {
      const names = (url.searchParams.get("streams") ?? "").split("/").filter(Boolean);
      wss.handleUpgrade(req, socket, head, (ws) => streams.accept(ws, true, names));
    } else {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
    }
  });

  let disconnectTimer: NodeJS.Timeout | undefined;
  faults.onChange((config) => {
    if (disconnectTimer) clearInterval(disconnectTimer);
    disconnectTimer = undefined;
    if (config.wsDisconnectEveryMs !== undefined) {
      disconnectTimer = setInterval(() => {
        for (const client of wss.clients) client.terminate();
      }, config.wsDisconnectEveryMs);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? DEFAULTS.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  if (opts.market !== false) market.start();
  const persister = opts.stateFile ? persistState(engine, opts.stateFile) : undefined;

  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    port,
    restUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    apiKey,
    apiSecret,
    close() {
      closed ??= (async () => {
        market.stop();
        if (disconnectTimer) clearInterval(disconnectTimer);
        for (const t of timers) clearTimeout(t);
        timers.clear();
        engine.close();
        persister?.close();
        streams.close();
        wsApi.close();
        userHub.close();
        for (const client of wss.clients) client.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closed;
    },
  };
}
