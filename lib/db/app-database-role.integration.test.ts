import { afterAll, describe, expect, it } from "vitest";
import { disconnectPrisma } from "./prisma";
import { sql } from "./sql";

afterAll(disconnectPrisma);

// The code under test connects as the app's role (test/global-setup.ts), as in production.
describe("the app's database role", () => {
  it("reads the migration history (the readiness check) but cannot change it", async () => {
    const rows = await sql().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM _prisma_migrations`;
    expect(rows[0]?.n).toBeGreaterThan(0n);
    await expect(sql().$executeRaw`DELETE FROM _prisma_migrations`).rejects.toThrow(/permission denied/);
  });

  it("owns nothing: it can neither create nor alter tables", async () => {
    await expect(sql().$executeRaw`CREATE TABLE app_role_probe (k int)`).rejects.toThrow(/permission denied/);
    await expect(sql().$executeRaw`ALTER TABLE "Order" ADD COLUMN probe int`).rejects.toThrow(
      /must be owner/,
    );
  });
});
