import { sql } from "../db/sql";
import { EVENTS_CHANNEL, MAX_EVENT_BYTES, type TallyEvent } from "./tally-event";

type Executor = { $executeRaw: (query: TemplateStringsArray, ...values: unknown[]) => Promise<number> };

/**
 * Publishes an event to every app instance through PostgreSQL NOTIFY. Called with a transaction
 * client, the event is delivered only if and when that transaction commits.
 */
export async function publishEvent(event: EventInput, db: Executor = sql()): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${encodeEvent(event)})`;
}

type EventInput = { type: string; data: Record<string, unknown>; at?: string };

/** The NOTIFY payload for an event, for statements that notify together with their writes. */
export function encodeEvent(event: EventInput): string {
  const full: TallyEvent = { type: event.type, at: event.at ?? new Date().toISOString(), data: event.data };
  const payload = JSON.stringify(full);
  if (Buffer.byteLength(payload) > MAX_EVENT_BYTES) {
    throw new Error(
      `event ${event.type} is ${Buffer.byteLength(payload)} bytes; events must stay under ${MAX_EVENT_BYTES}`,
    );
  }
  return payload;
}
