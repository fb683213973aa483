import type { Account } from "./engine/account.js";
import type { VenueClock } from "./engine/clock.js";
import type { MatchingEngine } from "./engine/matching-engine.js";
import type { FaultInjector } from "./faults/fault-injector.js";
import type { RequestWeightMeter } from "./limits/request-weight.js";
import type { SyntheticMarket } from "./market/synthetic-market.js";
import type { ListenKeys } from "./ws/listen-keys.js";

/** Everything request handlers share. */
export interface SimContext {
  engine: MatchingEngine;
  clock: VenueClock;
  faults: FaultInjector;
  /** The one trading account ("our" account). */
  account: Account;
  accountsByKey: ReadonlyMap<string, Account>;
  listenKeys: ListenKeys;
  market: SyntheticMarket;
  /** The REST request weight of the one client IP. */
  requestWeight: RequestWeightMeter;
}
