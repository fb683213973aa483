import type { BookStreamStatus } from "@/lib/marketdata/orderbook-stream-protocol";

/** Without any frame for longer than this the book is shown as stale, whatever the server last said. */
export const STALE_AFTER_MS = 2_000;
/** Consecutive failed connection attempts after which the indicator says disconnected (retries go on). */
export const DISCONNECTED_AFTER_FAILURES = 3;

export type Transport = "connecting" | "open" | "reconnecting" | "disconnected";

export interface ConnectionState {
  readonly transport: Transport;
  /** Status from the last frame the server sent, null before the first. */
  readonly serverStatus: BookStreamStatus | null;
  /** Arrival time (ms) of the last snapshot, update or status frame. */
  readonly lastFrameAt: number | null;
  /** Connection attempts that failed since the last frame arrived. */
  readonly failures: number;
  readonly nextRetryAt: number | null;
}

export type ConnectionEvent =
  | { readonly type: "connecting" }
  | { readonly type: "open" }
  | { readonly type: "frame"; readonly status: BookStreamStatus; readonly at: number }
  | { readonly type: "lost"; readonly retryAt: number };

export const initialConnection: ConnectionState = {
  transport: "connecting",
  serverStatus: null,
  lastFrameAt: null,
  failures: 0,
  nextRetryAt: null,
};

export function reduceConnection(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case "connecting":
      // A retry keeps saying reconnecting/disconnected until a frame proves the stream is back.
      return {
        ...state,
        transport: state.transport === "open" ? "reconnecting" : state.transport,
        nextRetryAt: null,
      };
    case "open":
      return { ...state, transport: "open" };
    case "frame":
      return {
        transport: "open",
        serverStatus: event.status,
        lastFrameAt: event.at,
        failures: 0,
        nextRetryAt: null,
      };
    case "lost": {
      const failures = state.failures + 1;
      return {
        ...state,
        transport: failures >= DISCONNECTED_AFTER_FAILURES ? "disconnected" : "reconnecting",
        failures,
        nextRetryAt: event.retryAt,
      };
    }
  }
}

export type IndicatorKind = "connecting" | "live" | "stale" | "resyncing" | "reconnecting" | "disconnected";

export interface Indicator {
  readonly kind: IndicatorKind;
  /** One word for the state, always shown as text so it never depends on colour alone. */
  readonly label: string;
  /** Why, or for how long, when there is more to say. */
  readonly detail: string | null;
}

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

/** What the user is told at `now`: the transport first, then our own staleness clock, then the server. */
export function indicatorAt(state: ConnectionState, now: number): Indicator {
  if (state.transport === "disconnected") {
    const retry = state.nextRetryAt === null ? null : `retrying in ${seconds(state.nextRetryAt - now)} s`;
    return { kind: "disconnected", label: "Disconnected", detail: retry };
  }
  if (state.transport === "reconnecting") {
    return { kind: "reconnecting", label: "Reconnecting", detail: "connection to the server lost" };
  }
  if (state.lastFrameAt === null) return { kind: "connecting", label: "Connecting", detail: null };
  const silentFor = now - state.lastFrameAt;
  if (silentFor > STALE_AFTER_MS) {
    return { kind: "stale", label: "Stale", detail: `no update for ${seconds(silentFor)} s` };
  }
  switch (state.serverStatus) {
    case "live":
      return { kind: "live", label: "Live", detail: null };
    case "stale":
      return { kind: "stale", label: "Stale", detail: "the venue's data is delayed" };
    case "resyncing":
      return { kind: "resyncing", label: "Resyncing", detail: "rebuilding the book from the venue" };
    default:
      return { kind: "reconnecting", label: "Reconnecting", detail: "the server is connecting to the venue" };
  }
}

export const sameIndicator = (a: Indicator, b: Indicator) =>
  a.kind === b.kind && a.label === b.label && a.detail === b.detail;
