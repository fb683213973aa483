import { logger } from "../observability/logger";

/** A long-running job of the server process (stream consumers, sweepers, schedulers). */
export type BackgroundService = { name: string; start(): Promise<void> | void; stop(): Promise<void> | void };

// Each capability registers its services here; they start once per server process.
const services: BackgroundService[] = [];

const holder = globalThis as unknown as { __tallyBackgroundStarted?: boolean };

export async function startBackgroundServices(): Promise<void> {
  if (holder.__tallyBackgroundStarted) return;
  holder.__tallyBackgroundStarted = true;
  for (const service of services) {
    try {
      await service.start();
      logger.info({ service: service.name }, "background service started");
    } catch (error) {
      logger.error({ service: service.name, err: error }, "background service failed to start");
    }
  }
}

export async function stopBackgroundServices(): Promise<void> {
  await Promise.allSettled(services.map((service) => service.stop()));
}
