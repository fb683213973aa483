import { z } from "zod";

const probability = z.number().min(0).max(1);
const ms = z.number().int().min(0).max(3_600_000);

/** Body of `POST /__sim/faults`; unknown keys are rejected so typos don't silently do nothing. */
export const faultConfigSchema = z
  .object({
    /** Seed for every fault decision (defaults to the sim's seed). */
    seed: z.number().int().optional(),
    /** Added before a REST request is handled: latencyMs ± jitterMs (uniform). */
    latencyMs: ms.optional(),
    jitterMs: ms.optional(),
    /** Execute the request, then lose the response. */
    dropResponseAfterExecute: probability.optional(),
    /** "reset" destroys the socket; "timeout" never answers (until the client gives up). */
    dropMode: z.enum(["reset", "timeout"]).optional(),
    /** 429 with Retry-After, request not executed. */
    http429: probability.optional(),
    retryAfterSec: z.number().int().min(1).max(3600).optional(),
    /** 418: the IP is banned for banMs; every REST request is answered 418 until then. */
    http418: probability.optional(),
    banMs: ms.optional(),
    /** 503, request not executed. */
    http5xx: probability.optional(),
    /**
     * New orders (POST order) are taken but executed only after this delay, with no answer before:
     * the client times out while the order can still execute. At execution the request's timestamp
     * is checked against its recvWindow again, as Binance's matching engine does (-5028), so a
     * request older than its window is refused instead of executed.
     */
    executeAfterMs: ms.optional(),
    /** Order lookups (GET order, GET openOrders, GET allOrders) fail: 503 or no answer (lookupFailureMode). */
    lookupFailure: probability.optional(),
    lookupFailureMode: z.enum(["5xx", "timeout"]).optional(),
    /** executionReport events that are never delivered. */
    dropExecutionReports: probability.optional(),
    /** Every Nth depth diff message per symbol and stream speed is not sent, so `U` jumps. */
    depthGapEvery: z.number().int().min(1).optional(),
    /** Every N ms all WebSocket connections are dropped. */
    wsDisconnectEveryMs: z.number().int().min(50).max(3_600_000).optional(),
    /** Our new orders are acknowledged at once but only start matching after this delay. */
    fillDelayMs: ms.optional(),
    /** The venue's clock runs this far ahead (positive) or behind (negative). */
    clockSkewMs: z.number().int().min(-3_600_000).max(3_600_000).optional(),
    /**
     * Every REST request with an API key is refused as Binance does when the key is revoked
     * ("invalid_api_key": -2015, HTTP 401) or the secret no longer matches ("bad_signature": -1022,
     * signed endpoints), whatever `endpoints` says.
     */
    authFailure: z.enum(["invalid_api_key", "bad_signature"]).optional(),
    /**
     * Which REST endpoints the request faults (latency, drop, 429, 418, 5xx) hit: names such as
     * "order" or "openOrders", optionally with a method: "POST order". Default: every signed endpoint.
     */
    endpoints: z.array(z.string().min(1)).optional(),
  })
  .strict();

export type FaultConfig = z.infer<typeof faultConfigSchema>;

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(body)"}: ${issue.message}`)
    .join("; ");
}
