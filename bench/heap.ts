import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// `npm run bench` cannot pass --expose-gc through tsx, so enable it at runtime
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/**
 * JS heap plus ArrayBuffer memory (typed-array storage lives outside the JS heap) after full
 * collections, so retained sizes can be compared.
 */
export function settledMemoryUsed(): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

export function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
