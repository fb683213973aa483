import { Decimal } from "decimal.js";
import { type Sql, sql } from "../../db/sql";
import { type Env, env } from "../../env";
import type { RiskLimitSet, RiskLimitValues } from "./risk-limit-values";

export const GLOBAL_SCOPE = "global";

type Row = {
  scope: string;
  maxOrderQuantity: Decimal | null;
  maxOrderNotional: Decimal | null;
  maxOpenOrders: number | null;
  maxPosition: Decimal | null;
  priceBandPercent: Decimal | null;
  updatedBy: string | null;
  updatedAt: Date;
};

export interface StoredRiskLimits extends RiskLimitSet {
  updatedBy: string | null;
  updatedAt: Date;
}

const decimalOrNull = (value: { toString(): string } | null) =>
  value === null ? null : new Decimal(value.toString());
const toValues = (row: Row): RiskLimitValues => ({
  maxOrderQuantity: decimalOrNull(row.maxOrderQuantity),
  maxOrderNotional: decimalOrNull(row.maxOrderNotional),
  maxOpenOrders: row.maxOpenOrders,
  maxPosition: decimalOrNull(row.maxPosition),
  priceBandPercent: decimalOrNull(row.priceBandPercent),
});

/** The global limits the environment seeds (RISK_*); unset variables are no limit. */
export function riskLimitSeed(config: Env): RiskLimitValues {
  const optional = (value: string | undefined) => (value === undefined ? null : new Decimal(value));
  return {
    maxOrderQuantity: optional(config.RISK_MAX_ORDER_QUANTITY),
    maxOrderNotional: new Decimal(config.RISK_MAX_ORDER_NOTIONAL),
    maxOpenOrders: config.RISK_MAX_OPEN_ORDERS_PER_SYMBOL,
    maxPosition: optional(config.RISK_MAX_POSITION),
    priceBandPercent: optional(config.RISK_PRICE_BAND_PERCENT),
  };
}

/**
 * Inserts the global row from the environment unless one exists (any number of instances may race
 * here: the first insert wins, the others do nothing). After that the database wins.
 */
export async function seedRiskLimits(options: { db?: Sql; config?: Env } = {}): Promise<void> {
  const db = options.db ?? sql();
  const seed = riskLimitSeed(options.config ?? env());
  await db.$executeRaw`
    INSERT INTO "RiskLimit" (scope, "maxOrderQuantity", "maxOrderNotional", "maxOpenOrders", "maxPosition",
                             "priceBandPercent", "updatedBy")
    VALUES (${GLOBAL_SCOPE}, ${seed.maxOrderQuantity?.toFixed() ?? null}::numeric,
            ${seed.maxOrderNotional?.toFixed() ?? null}::numeric, ${seed.maxOpenOrders}::int,
            ${seed.maxPosition?.toFixed() ?? null}::numeric, ${seed.priceBandPercent?.toFixed() ?? null}::numeric,
            'environment')
    ON CONFLICT (scope) DO NOTHING`;
}

async function readRows(db: Sql): Promise<Row[]> {
  return db.$queryRaw<Row[]>`
    SELECT scope, "maxOrderQuantity", "maxOrderNotional", "maxOpenOrders", "maxPosition", "priceBandPercent",
           "updatedBy", "updatedAt"
    FROM "RiskLimit" ORDER BY scope`;
}

/** The global limits and the per-symbol overrides; seeds the global row first when it is missing. */
export async function readRiskLimits(db: Sql = sql()): Promise<StoredRiskLimits> {
  let rows = await readRows(db);
  if (!rows.some((row) => row.scope === GLOBAL_SCOPE)) {
    await seedRiskLimits({ db });
    rows = await readRows(db);
  }
  const global = rows.find((row) => row.scope === GLOBAL_SCOPE) as Row;
  const symbols: Record<string, RiskLimitValues> = {};
  for (const row of rows) if (row.scope !== GLOBAL_SCOPE) symbols[row.scope] = toValues(row);
  const newest = rows.reduce((latest, row) => (row.updatedAt > latest.updatedAt ? row : latest), global);
  return { global: toValues(global), symbols, updatedBy: newest.updatedBy, updatedAt: newest.updatedAt };
}

/** Replaces every row with `limits` (symbols not listed lose their overrides), inside the caller's transaction. */
export async function writeRiskLimits(options: {
  tx: Sql;
  limits: RiskLimitSet;
  actor: string;
}): Promise<void> {
  const { tx, limits, actor } = options;
  const scopes = [GLOBAL_SCOPE, ...Object.keys(limits.symbols)];
  await tx.$executeRaw`DELETE FROM "RiskLimit" WHERE NOT (scope = ANY(${scopes}))`;
  const entries: [string, RiskLimitValues][] = [
    [GLOBAL_SCOPE, limits.global],
    ...Object.entries(limits.symbols),
  ];
  for (const [scope, values] of entries) {
    await tx.$executeRaw`
      INSERT INTO "RiskLimit" (scope, "maxOrderQuantity", "maxOrderNotional", "maxOpenOrders", "maxPosition",
                               "priceBandPercent", "updatedBy", "updatedAt")
      VALUES (${scope}, ${values.maxOrderQuantity?.toFixed() ?? null}::numeric,
              ${values.maxOrderNotional?.toFixed() ?? null}::numeric, ${values.maxOpenOrders}::int,
              ${values.maxPosition?.toFixed() ?? null}::numeric, ${values.priceBandPercent?.toFixed() ?? null}::numeric,
              ${actor}, now())
      ON CONFLICT (scope) DO UPDATE SET
        "maxOrderQuantity" = EXCLUDED."maxOrderQuantity", "maxOrderNotional" = EXCLUDED."maxOrderNotional",
        "maxOpenOrders" = EXCLUDED."maxOpenOrders", "maxPosition" = EXCLUDED."maxPosition",
        "priceBandPercent" = EXCLUDED."priceBandPercent", "updatedBy" = EXCLUDED."updatedBy", "updatedAt" = now()`;
  }
}
