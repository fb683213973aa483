import { Decimal } from "decimal.js";
import { beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "../../test/reset-database";
import { type Sql, sql, transaction } from "../db/sql";
import { expectedBalances } from "./expected-balances";

const T0 = Date.parse("2026-11-01T12:00:00Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);

interface TestFill {
  side: "buy" | "sell";
  quantity: string;
  price: string;
  fee: string;
  feeAsset: string;
  executedAt: Date;
}

let nextTrade = 1;
async function insertFill(fill: TestFill, db: Sql = sql()): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "Fill" (id, "orderId", venue, "venueTradeId", price, quantity, fee, "feeAsset", "executedAt")
    SELECT gen_random_uuid(), id, 'memory', ${String(nextTrade++)}, ${fill.price}::numeric,
      ${fill.quantity}::numeric, ${fill.fee}::numeric, ${fill.feeAsset}, ${fill.executedAt}
    FROM "Order" WHERE side = ${fill.side}::"OrderSide"`;
}

/** The sums recomputed from every fill, the way the checkpoint must agree with. */
function reference(fills: TestFill[], asOf: Date): Record<string, string> {
  const sums: Record<string, Decimal> = { BTC: new Decimal(0), USDT: new Decimal(0) };
  for (const fill of fills) {
    if (fill.executedAt <= at(0) || fill.executedAt > asOf) continue;
    const sign = fill.side === "buy" ? 1 : -1;
    sums.BTC = (sums.BTC as Decimal).plus(new Decimal(fill.quantity).times(sign));
    sums.USDT = (sums.USDT as Decimal).minus(new Decimal(fill.quantity).times(fill.price).times(sign));
    sums[fill.feeAsset] = (sums[fill.feeAsset] as Decimal).minus(fill.fee);
  }
  return Object.fromEntries(Object.entries(sums).map(([asset, sum]) => [asset, sum.toFixed()]));
}

async function expected(asOf: Date | null, advance = true): Promise<Record<string, string>> {
  const rows = await expectedBalances(sql(), { asOf, advance });
  return Object.fromEntries(rows.map((row) => [row.asset, new Decimal(row.fills).toFixed()]));
}

beforeEach(async () => {
  await resetDatabase();
  nextTrade = 1;
  await sql().$executeRaw`
    INSERT INTO "Instrument" (symbol, base, quote, "tickSize", "lotSize", "minNotional", "updatedAt")
    VALUES ('BTC/USDT', 'BTC', 'USDT', 0.01, 0.001, 5, now())`;
  for (const side of ["buy", "sell"]) {
    await sql().$executeRaw`
      INSERT INTO "Order" (id, "clientOrderId", venue, "venueOrderId", symbol, side, type, quantity, price,
        "filledQuantity", status, "updatedAt")
      VALUES (gen_random_uuid(), ${`eb-${side}`}, 'memory', ${side}, 'BTC/USDT', ${side}::"OrderSide", 'limit',
        1000, 100, 1000, 'filled', now())`;
  }
  await sql().$executeRaw`
    INSERT INTO "BalanceBaseline" (asset, amount, "takenAt")
    VALUES ('BTC', 1, ${at(0)}), ('USDT', 10000, ${at(0)})`;
});

describe("expectedBalances: checkpointed sums of our fills", () => {
  it("agrees with a full recompute over a long random sequence of fills, balance times and checks", async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const fills: TestFill[] = [];
    let asOf = 10;
    for (let step = 0; step < 40; step++) {
      for (let n = Math.floor(random() * 4); n > 0; n--) {
        const fill: TestFill = {
          side: random() < 0.5 ? "buy" : "sell",
          quantity: (random() * 2).toFixed(3),
          price: (90 + random() * 20).toFixed(2),
          fee: (random() * 0.01).toFixed(4),
          feeAsset: random() < 0.5 ? "BTC" : "USDT",
          // Some before the baseline, some already past the venue's balance time.
          executedAt: at(asOf - 15 + Math.floor(random() * 20)),
        };
        fills.push(fill);
        await insertFill(fill);
      }
      asOf += Math.floor(random() * 5);
      expect(await expected(at(asOf)), `step ${step}`).toEqual(reference(fills, at(asOf)));
    }
  });

  it("counts a fill whose transaction was still open at the last checkpoint once it commits", async () => {
    const fill: TestFill = {
      side: "buy",
      quantity: "2",
      price: "100",
      fee: "0",
      feeAsset: "USDT",
      executedAt: at(5),
    };
    let commit: () => void = () => {};
    const open = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let inserted: () => void = () => {};
    const insertedFill = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const writer = transaction(async (tx) => {
      await insertFill(fill, tx);
      inserted();
      await open;
    });
    await insertedFill;
    // A later, committed fill: a checkpoint by "newest transaction seen" would step over the open one.
    const later: TestFill = { ...fill, quantity: "1", executedAt: at(6) };
    await insertFill(later);
    expect(await expected(at(10))).toEqual(reference([later], at(10)));
    commit();
    await writer;
    expect(await expected(at(10))).toEqual(reference([fill, later], at(10)));
    expect(await expected(at(11))).toEqual(reference([fill, later], at(11)));
  });

  it("leaves fills executed after the balance time for a later check, and starts over when the venue's time goes back", async () => {
    const early: TestFill = {
      side: "buy",
      quantity: "1",
      price: "100",
      fee: "0.001",
      feeAsset: "BTC",
      executedAt: at(5),
    };
    const late: TestFill = { ...early, side: "sell", quantity: "0.5", executedAt: at(20) };
    await insertFill(early);
    await insertFill(late);
    expect(await expected(at(10))).toEqual(reference([early, late], at(10)));
    expect(await expected(at(25))).toEqual(reference([early, late], at(25)));
    // A reset venue reports an earlier time: the checkpoint (at 25 s) is no longer usable.
    expect(await expected(at(8))).toEqual(reference([early, late], at(8)));
    expect(await expected(at(30))).toEqual(reference([early, late], at(30)));
  });

  it("a read without advance leaves the checkpoint where it was", async () => {
    await insertFill({
      side: "buy",
      quantity: "1",
      price: "100",
      fee: "0",
      feeAsset: "USDT",
      executedAt: at(5),
    });
    await expected(at(10), false);
    const [row] = await sql().$queryRaw<{ xact: string | null }[]>`
      SELECT "checkpointXact"::text AS xact FROM "BalanceBaseline" WHERE asset = 'BTC'`;
    expect(row?.xact).toBeNull();
  });
});
