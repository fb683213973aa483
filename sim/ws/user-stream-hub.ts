import type { VenueClock } from "../engine/clock.js";
import type { MatchingEngine } from "../engine/matching-engine.js";
import type { FaultInjector } from "../faults/fault-injector.js";
import { balanceUpdate, executionReport, outboundAccountPosition } from "./user-events.js";

export interface UserSubscriber {
  accountId: string;
  send(event: object): void;
}

/** Fans account events out to user data stream subscribers (ws-api subscriptions and listenKey streams). */
export class UserStreamHub {
  private readonly subscribers = new Set<UserSubscriber>();
  private readonly unlisten: () => void;

  constructor(engine: MatchingEngine, faults: FaultInjector, clock: VenueClock) {
    this.unlisten = engine.listen({
      order: (order, execType, fill) => {
        if (!this.hasSubscribers(order.accountId)) return;
        if (faults.roll("dropExecutionReports")) return;
        this.publish(order.accountId, executionReport(order, execType, fill, clock.now()));
      },
      balanceMoved: (account, asset, delta, time) => {
        if (!this.hasSubscribers(account.id)) return;
        this.publish(account.id, balanceUpdate(asset, delta, time, clock.now()));
      },
      balances: (account, assets) => {
        if (!this.hasSubscribers(account.id)) return;
        this.publish(account.id, outboundAccountPosition(account, assets, clock.now()));
      },
    });
  }

  add(subscriber: UserSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  private hasSubscribers(accountId: string): boolean {
    for (const s of this.subscribers) if (s.accountId === accountId) return true;
    return false;
  }

  private publish(accountId: string, event: object): void {
    for (const s of this.subscribers) if (s.accountId === accountId) s.send(event);
  }

  close(): void {
    this.unlisten();
    this.subscribers.clear();
  }
}
