/** What is sent to the alert webhook. */
export type AlertType = "kill_switch.engaged" | "kill_switch.released" | "reconciliation.breach";

/** The Standard Webhooks payload shape: type, timestamp and the event's data. */
export interface AlertPayload {
  type: AlertType;
  timestamp: string;
  data: Record<string, unknown>;
}
