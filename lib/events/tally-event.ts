/** Something the UI should hear about at once: order updates, fills, kill-switch changes, new mismatches. */
export type TallyEvent = { type: string; at: string; data: Record<string, unknown> };

/** PostgreSQL channel carrying events between app instances. */
export const EVENTS_CHANNEL = "tally_events";

/** NOTIFY payloads are limited to 8000 bytes: events carry ids and states, clients fetch the rest. */
export const MAX_EVENT_BYTES = 7900;
