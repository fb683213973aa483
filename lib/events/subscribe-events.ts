import pg from "pg";
import { requireDatabaseUrl } from "../env";
import { logger } from "../observability/logger";
import { EVENTS_CHANNEL, type TallyEvent } from "./tally-event";

type Listener = (event: TallyEvent) => void;

type Bus = {
  listeners: Set<Listener>;
  client?: pg.Client;
  connecting?: Promise<void>;
  attempt: number;
  /** Shut down for good: no reconnects. */
  closed?: boolean;
};

const holder = globalThis as unknown as { __tallyEventBus?: Bus };
holder.__tallyEventBus ??= { listeners: new Set(), attempt: 0 };
const bus = holder.__tallyEventBus;

function deliver(event: TallyEvent) {
  for (const listener of bus.listeners) {
    try {
      listener(event);
    } catch (error) {
      logger.error({ err: error, type: event.type }, "event listener failed");
    }
  }
}

function scheduleReconnect() {
  bus.client = undefined;
  bus.connecting = undefined;
  if (bus.listeners.size === 0 || bus.closed) return;
  const delay = Math.min(30_000, 500 * 2 ** bus.attempt++) * Math.random();
  setTimeout(() => void connect(), delay).unref();
}

/** One LISTEN connection per process, fanned out in-process; reconnects with jittered backoff. */
function connect(): Promise<void> {
  if (bus.client || bus.connecting || bus.closed) return bus.connecting ?? Promise.resolve();
  const client = new pg.Client({ connectionString: requireDatabaseUrl() });
  bus.connecting = (async () => {
    try {
      client.on("notification", (message) => {
        if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
        try {
          deliver(JSON.parse(message.payload) as TallyEvent);
        } catch (error) {
          logger.error({ err: error }, "unreadable event payload");
        }
      });
      client.on("error", (error) => {
        if (bus.closed) return;
        logger.warn({ err: error }, "event bus connection lost");
        void client.end().catch(() => {});
        scheduleReconnect();
      });
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      bus.client = client;
      bus.connecting = undefined;
      // Events sent while the connection was down are gone: tell listeners to refetch.
      if (bus.attempt > 0) deliver({ type: "events.resync", at: new Date().toISOString(), data: {} });
      bus.attempt = 0;
    } catch (error) {
      logger.warn({ err: error }, "event bus could not connect");
      void client.end().catch(() => {});
      scheduleReconnect();
    }
  })();
  return bus.connecting;
}

/** Calls `listener` for every event published by any app instance. Returns the unsubscribe function. */
export function subscribeEvents(listener: Listener): () => void {
  bus.listeners.add(listener);
  void connect();
  return () => {
    bus.listeners.delete(listener);
  };
}

/** Ends the LISTEN connection for good, before the database stops (shutdown). */
export async function closeEventBus(): Promise<void> {
  bus.closed = true;
  const client = bus.client;
  bus.client = undefined;
  await client?.end().catch(() => {});
}

/** Resolves once this process is listening, so a test can publish knowing it will be heard. */
export async function eventsReady(): Promise<void> {
  await connect();
}
