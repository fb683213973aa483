import { beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "../../test/reset-database";
import { prisma } from "../db/prisma";
import { sql } from "../db/sql";
import { engageKillSwitch, releaseKillSwitch } from "./change-kill-switch";
import { readTradingHalt } from "./read-kill-switch";

const change = { reason: "drill", source: "manual" as const, actor: "risk1" };

beforeEach(async () => {
  await resetDatabase();
});

describe("kill switch and symbol halts", () => {
  it("engaging an engaged switch adds no event; release adds one; concurrent engages are one change", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => engageKillSwitch({ scope: "global", ...change })),
    );
    expect(results.filter((result) => result.changed)).toHaveLength(1);
    expect(results.every((result) => result.state.engaged)).toBe(true);
    expect(await prisma().killSwitchEvent.count()).toBe(1);
    expect((await readTradingHalt(sql(), "BTC/USDT"))?.scope).toBe("global");

    expect((await releaseKillSwitch({ scope: "global", ...change })).changed).toBe(true);
    expect((await releaseKillSwitch({ scope: "global", ...change })).changed).toBe(false);
    expect(
      await prisma().killSwitchEvent.findMany({ orderBy: { id: "asc" }, select: { action: true } }),
    ).toEqual([{ action: "engage" }, { action: "release" }]);
    expect(await readTradingHalt(sql(), "BTC/USDT")).toBeNull();
  });

  it("a symbol halt halts that symbol only; the global switch wins over it", async () => {
    await engageKillSwitch({ scope: "ETH/USDT", ...change, reason: "ETH drift" });
    expect(await readTradingHalt(sql(), "BTC/USDT")).toBeNull();
    expect(await readTradingHalt(sql(), "ETH/USDT")).toMatchObject({
      scope: "ETH/USDT",
      reason: "ETH drift",
    });
    await engageKillSwitch({ scope: "global", ...change });
    expect((await readTradingHalt(sql(), "ETH/USDT"))?.scope).toBe("global");
  });
});
