import type { EventStreamState } from "./use-order-events";

const STREAM_LABELS: Record<EventStreamState, string> = {
  connecting: "connecting",
  live: "live",
  reconnecting: "reconnecting (refreshing every 10 s)",
};

/** Says in words whether order updates arrive live from the event stream. */
export function EventStreamIndicator({ state }: { state: EventStreamState }) {
  return (
    <span className={`indicator indicator-${state === "live" ? "ok" : "unknown"}`}>
      <span className="dot" aria-hidden="true" />
      Updates: {STREAM_LABELS[state]}
    </span>
  );
}
