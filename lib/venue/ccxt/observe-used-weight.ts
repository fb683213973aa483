import type { Exchange } from "ccxt";

const HEADER = "x-mbx-used-weight-1m";

/** Reports the venue's X-MBX-USED-WEIGHT-1M from every REST answer, successful or not. */
export function observeUsedWeight(exchange: Exchange, onWeight: (weight: number) => void): void {
  type Hooked = {
    handleRestResponse: (...args: unknown[]) => unknown;
    getResponseHeaders: (response: unknown) => Record<string, string>;
  };
  const target = exchange as unknown as Hooked;
  const original = target.handleRestResponse.bind(exchange);
  target.handleRestResponse = (...args: unknown[]) => {
    const weight = usedWeightOf(target, args[0]);
    if (weight !== undefined) onWeight(weight);
    return original(...args);
  };
}

function usedWeightOf(
  target: { getResponseHeaders: (response: unknown) => Record<string, string> },
  response: unknown,
): number | undefined {
  let headers: Record<string, string>;
  try {
    headers = target.getResponseHeaders(response);
  } catch {
    return undefined;
  }
  const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === HEADER);
  const value = entry ? Number(entry[1]) : Number.NaN;
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}
