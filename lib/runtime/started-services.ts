// On globalThis: the launcher (scripts/start.ts) and the Next.js server bundle load separate copies of
// the modules, in one process; the launcher stops what the server started before closing the pool.
const holder = globalThis as unknown as { __tallyStopBackgroundServices?: () => Promise<void> };

export function registerBackgroundServicesStop(stop: () => Promise<void>): void {
  holder.__tallyStopBackgroundServices = stop;
}

export async function stopStartedBackgroundServices(): Promise<void> {
  await holder.__tallyStopBackgroundServices?.();
}
