import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PriceLevel } from "../venue/port/market-data-types";
import { BookSync } from "./book-sync";
import type { DiffEvent } from "./book-sync-types";
import { OrderBook } from "./order-book";
import type { BookSideName, BookSnapshot, BookTop } from "./order-book-types";
import { ReferenceBook } from "./testing/reference-book";

interface Update {
  side: BookSideName;
  level: PriceLevel;
}

/** One update id changes one level; prices sit on a small grid so updates collide. */
const updateArb = fc.record({
  side: fc.constantFrom<BookSideName>("bids", "asks"),
  level: fc.tuple(
    fc.integer({ min: 0, max: 10 }).map((tick) => `${100 + tick}.${tick % 2 === 0 ? "50" : "25"}`),
    fc.oneof(
      fc.constant("0.00"),
      fc.integer({ min: 1, max: 999 }).map((n) => `0.${String(n).padStart(3, "0")}`),
    ),
  ),
});

/** How each venue event reaches the driver. */
const deliveryArb = fc.constantFrom("deliver", "deliver", "deliver", "deliver", "drop", "duplicate", "swap");

/** What the driver does right after a delivery while a snapshot is needed. */
const snapshotPlanArb = fc.record({ now: fc.boolean(), offset: fc.integer({ min: -3, max: 8 }) });

const scenarioArb = fc.record({
  updates: fc.array(updateArb, { minLength: 1, maxLength: 80 }),
  chunkSizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 80, maxLength: 80 }),
  deliveries: fc.array(deliveryArb, { minLength: 80, maxLength: 80 }),
  snapshotPlans: fc.array(snapshotPlanArb, { minLength: 160, maxLength: 160 }),
});

/** Groups update ids 1..N into consecutive events `U..u`. */
function toEvents(updates: readonly Update[], chunkSizes: readonly number[]): DiffEvent[] {
  const events: DiffEvent[] = [];
  let first = 1;
  for (let i = 0; first <= updates.length; i++) {
    const last = Math.min(updates.length, first + (chunkSizes[i % chunkSizes.length] ?? 1) - 1);
    const slice = updates.slice(first - 1, last);
    events.push({
      U: first,
      u: last,
      b: slice.filter((update) => update.side === "bids").map((update) => update.level),
      a: slice.filter((update) => update.side === "asks").map((update) => update.level),
    });
    first = last + 1;
  }
  return events;
}

/** truth[k] is the book after update ids 1..k; snapshots are taken from it. */
function truthByUpdateId(updates: readonly Update[]): BookTop[] {
  const reference = new ReferenceBook();
  const truth = [reference.top()];
  for (const update of updates) {
    reference.apply(update.side, [update.level]);
    truth.push(reference.top());
  }
  return truth;
}

function snapshotAt(truth: readonly BookTop[], lastUpdateId: number): BookSnapshot {
  const top = truth[lastUpdateId]!;
  const levels = (side: BookTop["bids"]): PriceLevel[] => side.map((level) => [level.price, level.quantity]);
  return { lastUpdateId, bids: levels(top.bids), asks: levels(top.asks) };
}

function expectConsistent(sync: BookSync, book: OrderBook, truth: readonly BookTop[]): void {
  if (sync.state === "live") {
    expect(book.lastUpdateId).toBe(sync.lastUpdateId);
    expect(book.top(Number.POSITIVE_INFINITY)).toEqual(truth[sync.lastUpdateId!]);
  } else {
    expect(book.levelCount()).toBe(0);
  }
}

describe("BookSync against a reference model", () => {
  it("never exposes a book that differs from the truth at its update id unless it reports lost sync", () => {
    fc.assert(
      fc.property(scenarioArb, ({ updates, chunkSizes, deliveries, snapshotPlans }) => {
        const truth = truthByUpdateId(updates);
        const events = toEvents(updates, chunkSizes);
        const book = new OrderBook({ priceDecimals: 2 });
        const sync = new BookSync({ book });
        let newestSeen = 0;
        let planIndex = 0;

        const receive = (event: DiffEvent): void => {
          sync.onDiff(event);
          newestSeen = Math.max(newestSeen, event.u);
          expectConsistent(sync, book, truth);
          const plan = snapshotPlans[planIndex++ % snapshotPlans.length]!;
          if (sync.needsSnapshot() && plan.now) {
            const lastUpdateId = Math.min(updates.length, Math.max(0, newestSeen - plan.offset));
            sync.onSnapshot(snapshotAt(truth, lastUpdateId));
            expectConsistent(sync, book, truth);
          }
        };

        for (let i = 0; i < events.length; i++) {
          const event = events[i]!;
          const delivery = deliveries[i % deliveries.length];
          if (delivery === "drop") continue;
          if (delivery === "swap" && i + 1 < events.length) {
            receive(events[i + 1]!);
            receive(event);
            i++;
            continue;
          }
          receive(event);
          if (delivery === "duplicate") receive(events[Math.floor(i / 2)]!);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("stays live and ends at the final truth when nothing is lost", () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 80 }), ({ updates, chunkSizes }, snapshotAfter) => {
        const truth = truthByUpdateId(updates);
        const events = toEvents(updates, chunkSizes);
        const book = new OrderBook({ priceDecimals: 2 });
        const sync = new BookSync({ book });
        const cut = Math.min(snapshotAfter, events.length);
        // the snapshot is taken somewhere inside the last buffered event, as the REST call races the stream
        const lastBuffered = events[cut - 1];
        const snapshotId = lastBuffered === undefined ? 0 : lastBuffered.U - 1;
        for (const event of events.slice(0, cut)) sync.onDiff(event);
        expect(sync.onSnapshot(snapshotAt(truth, snapshotId))).toBe("live");
        for (const event of events.slice(cut)) sync.onDiff(event);
        expect(sync.state).toBe("live");
        expect(sync.counters).toMatchObject({ gaps: 0, resyncs: 0 });
        expect(sync.lastUpdateId).toBe(updates.length);
        expect(book.top(Number.POSITIVE_INFINITY)).toEqual(truth[updates.length]);
      }),
      { numRuns: 300 },
    );
  });
});
