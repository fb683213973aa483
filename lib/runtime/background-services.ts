import { alertDeliveryService } from "../alerts/alert-delivery-service";
import { env } from "../env";
import { instrumentSyncService } from "../instruments/instrument-sync-service";
import { logger } from "../observability/logger";
import { orderSweeperService } from "../orders/order-sweeper-service";
import { ownOrderStreamService } from "../orders/own-order-stream-service";
import { reconciliationService } from "../reconciliation/reconciliation-service";
import { autoCancelService } from "../risk/auto-halt/auto-cancel-service";
import { venueUnreachableMonitor } from "../risk/auto-halt/venue-unreachable-monitor";
import { seedRiskLimits } from "../risk/limits/risk-limits-store";
import { intentWorkerService } from "../webhooks/intent-worker";
import { appServices } from "./app-services";
import type { BackgroundService } from "./background-service";
import { registerBackgroundServicesStop } from "./started-services";

const holder = globalThis as unknown as { __tallyBackgroundServices?: BackgroundService[] };

/** Each capability registers its services here; they start once per server process, on the app's services. */
function backgroundServices(): BackgroundService[] {
  const { venue, bookHub } = appServices();
  const reconciliation = reconciliationService({ venue });
  return [
    // order book feeds start lazily per symbol; this only stops them on shutdown
    { name: "orderbook-hub", start() {}, stop: () => bookHub.stop() },
    // the global risk limits from RISK_* at the first start; a database that has them keeps its own
    { name: "risk-limits-seed", start: () => seedRiskLimits(), stop() {} },
    instrumentSyncService(venue),
    ownOrderStreamService(venue, { onGap: () => reconciliation.trigger("reconnect") }),
    orderSweeperService(venue),
    reconciliation,
    alertDeliveryService(),
    venueUnreachableMonitor(venue),
    intentWorkerService(() => {
      const { venue, reconciliationGate, midSource } = appServices();
      return { venue, gate: reconciliationGate, midSource };
    }),
    ...(env().KILL_SWITCH_AUTO_CANCEL ? [autoCancelService(venue)] : []),
  ];
}

export async function startBackgroundServices(): Promise<void> {
  if (holder.__tallyBackgroundServices) return;
  const services = backgroundServices();
  holder.__tallyBackgroundServices = services;
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

/** Stops every started service (stream consumers end their venue streams), then closes the venue. */
export async function stopBackgroundServices(): Promise<void> {
  const services = holder.__tallyBackgroundServices ?? [];
  holder.__tallyBackgroundServices = undefined;
  await Promise.allSettled(services.map((service) => service.stop()));
  await appServices().venue.close();
}
