import { afterAll, beforeAll, expect, it } from "vitest";
import { runReconciliation } from "@/lib/reconciliation/run-reconciliation";
import { simControl } from "@/lib/venue/testing/sim-test-helpers";
import { callRoute } from "@/test/http-client";
import { type OrderTestHarness, startOrderTestHarness } from "@/test/order-test-harness";
import { apiTokenFor } from "@/test/principals";
import { GET as balancesRoute } from "./route";

type Row = {
  asset: string;
  free: string;
  locked: string;
  total: string;
  expected: string | null;
  drift: string | null;
};

let h: OrderTestHarness;
let viewer: string;

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 13 });
  viewer = (await apiTokenFor("viewer")).token;
});
afterAll(async () => {
  await h?.close();
});

const balances = async () => {
  const response = await callRoute(balancesRoute, { path: "/api/balances", token: viewer });
  expect(response.status).toBe(200);
  return new Map((response.json.balances as Row[]).map((row) => [row.asset, row]));
};

it("venue against expected per asset: no expectation before the first run, then a deposit is drift", async () => {
  const first = await balances();
  const usdt = first.get("USDT");
  expect(usdt).toMatchObject({ expected: null, drift: null });
  expect(Number(usdt?.total)).toBeGreaterThan(0);
  await runReconciliation({ venue: h.venue(), trigger: "manual" }); // the baselines
  const settled = await balances();
  expect(settled.get("USDT")).toMatchObject({ total: usdt?.total, expected: usdt?.total, drift: "0" });
  await simControl(h.sim, "POST", "balance", { asset: "USDT", delta: "50.5" });
  const after = (await balances()).get("USDT");
  expect(after?.expected).toBe(usdt?.total);
  expect(after?.drift).toBe("50.5");
  expect(Number(after?.total) - Number(usdt?.total)).toBeCloseTo(50.5, 6);
  expect(Number(after?.free) + Number(after?.locked)).toBeCloseTo(Number(after?.total), 6);
});

it("is for signed-in callers only", async () => {
  expect((await callRoute(balancesRoute, { path: "/api/balances" })).status).toBe(401);
});
