/** A long-running job of the server process (stream consumers, sweepers, schedulers). */
export type BackgroundService = { name: string; start(): Promise<void> | void; stop(): Promise<void> | void };
