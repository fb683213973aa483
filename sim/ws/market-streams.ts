import type { WebSocket } from "ws";
import type { VenueClock } from "../engine/clock.js";
import type { MatchingEngine } from "../engine/matching-engine.js";
import { findSymbol } from "../engine/symbols.js";
import { formatUnits } from "../engine/units.js";
import type { FaultInjector } from "../faults/fault-injector.js";
import { DepthFeed, type DepthSpeed } from "./depth-feed.js";
import type { ListenKeys } from "./listen-keys.js";
import type { UserStreamHub } from "./user-stream-hub.js";

/** Binance drops consumers that cannot keep up; so do we, past this much unsent data. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

interface Connection {
  ws: WebSocket;
  combined: boolean;
  streams: Set<string>;
  userUnsubscribers: Map<string, () => void>;
}

type ParsedStream =
  | { kind: "depth"; symbol: string; speed: DepthSpeed }
  | { kind: "trade"; symbol: string }
  | { kind: "user"; accountId: string };

interface StreamRequest {
  method?: unknown;
  params?: unknown;
  id?: unknown;
}

/**
 * The market stream endpoints: `/ws/<stream>` (raw), `/stream?streams=a/b` (combined) and the
 * SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS / SET_PROPERTY / GET_PROPERTY messages on either.
 */
export class MarketStreams {
  private readonly connections = new Set<Connection>();
  private readonly depth: DepthFeed;
  private timer: NodeJS.Timeout;
  private tick = 0;
  private readonly unlisten: () => void;

  constructor(
    engine: MatchingEngine,
    faults: FaultInjector,
    private readonly clock: VenueClock,
    private readonly listenKeys: ListenKeys,
    private readonly userHub: UserStreamHub,
  ) {
    this.depth = new DepthFeed(engine, faults, clock, (symbol, speed, json) =>
      this.broadcast(depthStreamName(symbol, speed), json),
    );
    this.unlisten = engine.listen({
      trade: (t) => {
        const name = `${t.symbol.toLowerCase()}@trade`;
        if (!this.hasSubscribers(name)) return;
        this.broadcast(
          name,
          JSON.stringify({
            e: "trade",
            E: this.clock.now(),
            s: t.symbol,
            t: t.id,
            p: formatUnits(t.price),
            q: formatUnits(t.qty),
            T: t.time,
            m: t.isBuyerMaker,
            M: true,
          }),
        );
      },
    });
    this.timer = setInterval(() => this.depth.onTimer(++this.tick), 100);
  }

  /** `path` is what follows `/ws/` (raw) or the `streams` query (combined). */
  accept(ws: WebSocket, combined: boolean, initialStreams: string[]): void {
    const conn: Connection = { ws, combined, streams: new Set(), userUnsubscribers: new Map() };
    this.connections.add(conn);
    for (const s of initialStreams) if (this.parse(s)) this.subscribe(conn, s);
    ws.on("message", (data) => this.onMessage(conn, data.toString()));
    ws.on("close", () => this.drop(conn));
    ws.on("error", () => this.drop(conn));
  }

  private parse(name: string): ParsedStream | undefined {
    const parts = name.split("@");
    if (parts.length === 1) {
      const accountId = this.listenKeys.accountFor(name, this.clock.now());
      return accountId ? { kind: "user", accountId } : undefined;
    }
    const symbol = (parts[0] ?? "").toUpperCase();
    if (!findSymbol(symbol) || parts[0] !== parts[0]?.toLowerCase()) return undefined;
    const channel = parts.slice(1).join("@");
    if (channel === "trade") return { kind: "trade", symbol };
    if (channel === "depth" || channel === "depth@1000ms") return { kind: "depth", symbol, speed: 1000 };
    if (channel === "depth@100ms") return { kind: "depth", symbol, speed: 100 };
    if (channel === "depth@0ms") return { kind: "depth", symbol, speed: 0 };
    return undefined;
  }

  /** `x@depth@1000ms` and `x@depth` are the same stream. */
  private canonical(name: string): string {
    return name.endsWith("@depth@1000ms") ? name.slice(0, -"@1000ms".length) : name;
  }

  private subscribe(conn: Connection, requested: string): void {
    const name = this.canonical(requested);
    const parsed = this.parse(name);
    if (!parsed || conn.streams.has(name)) return;
    conn.streams.add(name);
    if (parsed.kind === "depth") this.depth.activate(parsed.symbol, parsed.speed);
    if (parsed.kind === "user") {
      const unsubscribe = this.userHub.add({
        accountId: parsed.accountId,
        send: (event) => this.sendTo(conn, name, JSON.stringify(event)),
      });
      conn.userUnsubscribers.set(name, unsubscribe);
    }
  }

  private unsubscribe(conn: Connection, requested: string): void {
    const name = this.canonical(requested);
    if (!conn.streams.delete(name)) return;
    conn.userUnsubscribers.get(name)?.();
    conn.userUnsubscribers.delete(name);
    this.deactivateIfUnused(name);
  }

  private deactivateIfUnused(name: string): void {
    const parsed = this.parse(name);
    if (parsed?.kind === "depth" && !this.hasSubscribers(name))
      this.depth.deactivate(parsed.symbol, parsed.speed);
  }

  private drop(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    for (const name of [...conn.streams]) this.unsubscribe(conn, name);
  }

  private onMessage(conn: Connection, text: string): void {
    let msg: StreamRequest;
    try {
      msg = JSON.parse(text) as StreamRequest;
    } catch {
      this.reply(conn, { error: { code: 3, msg: "Invalid JSON: expected value at line 1 column 1" } });
      return;
    }
    const id = msg.id ?? null;
    const params = Array.isArray(msg.params) ? msg.params : [];
    switch (msg.method) {
      case "SUBSCRIBE":
      case "UNSUBSCRIBE": {
        const names = params.filter((p): p is string => typeof p === "string");
        if (names.length !== params.length || names.length === 0) {
          this.reply(conn, {
            error: { code: 2, msg: "Invalid request: 'params' must be a list of stream names" },
            id,
          });
          return;
        }
        const bad = names.find((n) => !this.parse(n));
        if (msg.method === "SUBSCRIBE" && bad !== undefined) {
          this.reply(conn, { error: { code: 2, msg: `Invalid request: unknown stream ${bad}` }, id });
          return;
        }
        for (const n of names) {
          if (msg.method === "SUBSCRIBE") this.subscribe(conn, n);
          else this.unsubscribe(conn, n);
        }
        this.reply(conn, { result: null, id });
        return;
      }
      case "LIST_SUBSCRIPTIONS":
        this.reply(conn, { result: [...conn.streams], id });
        return;
      case "SET_PROPERTY":
        if (params[0] === "combined" && typeof params[1] === "boolean") {
          conn.combined = params[1];
          this.reply(conn, { result: null, id });
        } else {
          this.reply(conn, { error: { code: 2, msg: "Invalid request: unknown property" }, id });
        }
        return;
      case "GET_PROPERTY":
        if (params[0] === "combined") this.reply(conn, { result: conn.combined, id });
        else this.reply(conn, { error: { code: 2, msg: "Invalid request: unknown property" }, id });
        return;
      default:
        this.reply(conn, { error: { code: 2, msg: "Invalid request: unknown method" }, id });
    }
  }

  private reply(conn: Connection, body: object): void {
    if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify(body));
  }

  private hasSubscribers(name: string): boolean {
    for (const c of this.connections) if (c.streams.has(name)) return true;
    return false;
  }

  private broadcast(name: string, json: string): void {
    for (const c of this.connections) if (c.streams.has(name)) this.sendTo(c, name, json);
  }

  private sendTo(conn: Connection, name: string, json: string): void {
    const ws = conn.ws;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.terminate();
      return;
    }
    ws.send(conn.combined ? `{"stream":${JSON.stringify(name)},"data":${json}}` : json);
  }

  close(): void {
    clearInterval(this.timer);
    this.unlisten();
    for (const c of [...this.connections]) this.drop(c);
  }
}

export function depthStreamName(symbol: string, speed: DepthSpeed): string {
  const base = `${symbol.toLowerCase()}@depth`;
  return speed === 1000 ? base : `${base}@${speed}ms`;
}
