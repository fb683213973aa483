import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ownerDatabaseUrl } from "../../test/reset-database";
import { applyMigrations, runPrismaCli } from "./run-prisma-cli";

const scratch = `tally_migrations_${process.pid}`;
const admin = new pg.Client({ connectionString: ownerDatabaseUrl() });

afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
  await admin.end();
});

describe("migrations", () => {
  it("apply to an empty database and leave it up to date, with the constraints that carry the guarantees", async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${scratch}`);
    const url = new URL(ownerDatabaseUrl());
    url.pathname = `/${scratch}`;
    await applyMigrations(url.toString());
    const status = await runPrismaCli({ args: ["migrate", "status"], databaseUrl: url.toString() });
    expect(status).toContain("Database schema is up to date");

    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      const { rows } = await db.query<{ indexname: string }>(
        "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE 'CREATE UNIQUE%'",
      );
      const unique = rows.map((r) => r.indexname);
      expect(unique).toEqual(
        expect.arrayContaining([
          "IdempotencyRecord_scope_key_key",
          "Order_clientOrderId_key",
          "Fill_venue_venueTradeId_key",
          "Order_venue_venueOrderId_key",
        ]),
      );
      const money = await db.query<{ column_name: string; numeric_precision: number; numeric_scale: number }>(
        `SELECT column_name, numeric_precision, numeric_scale FROM information_schema.columns
         WHERE table_name IN ('Order', 'Fill') AND data_type = 'numeric'`,
      );
      expect(money.rows.length).toBeGreaterThanOrEqual(7);
      for (const column of money.rows)
        expect([column.numeric_precision, column.numeric_scale]).toEqual([36, 18]);
    } finally {
      await db.end();
    }
  });
});
