import { instrumentSyncService } from "../instruments/instrument-sync-service";
import { existingAppBookHub } from "../marketdata/app-book-hub";
import { logger } from "../observability/logger";
import { orderSweeperService } from "../orders/order-sweeper-service";
import { ownOrderStreamService } from "../orders/own-order-stream-service";
import { registerBackgroundServicesStop } from "./started-services";

/** A long-running job of the server process (stream consumers, sweepers, schedulers). */
export type BackgroundService = { name: string; start(): Promise<void> | void; stop(): Promise<void> | void };

// Each capability registers its services here; they start once per server process.
const services: BackgroundService[] = [
  // order book feeds start lazily per symbol; this only stops them on shutdown
  { name: "orderbook-hub", start() {}, stop: () => existingAppBookHub()?.stop() },
  instrumentSyncService(),
  ownOrderStreamService(),
  orderSweeperService(),
];

const holder = globalThis as unknown as { __tallyBackgroundStarted?: boolean };

export async function startBackgroundServices(): Promise<void> {
  if (holder.__tallyBackgroundStarted) return;
  holder.__tallyBackgroundStarted = true;
  registerBackgroundServicesStop(stopBackgroundServices);
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
