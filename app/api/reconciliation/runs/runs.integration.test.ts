import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { callRoute } from "@/test/http-client";
import { apiTokenFor } from "@/test/principals";
import { resetDatabase } from "@/test/reset-database";
import { GET as getRunRoute } from "./[id]/route";
import { GET as listRunsRoute } from "./route";

let token: string;
const base = Date.parse("2026-03-01T12:00:00.000Z");
const ids: string[] = [];

type Run = { id: string; trigger: string; status: string; startedAt: string };

const list = (search = "") => callRoute(listRunsRoute, { path: `/api/reconciliation/runs${search}`, token });

beforeAll(async () => {
  await resetDatabase();
  token = (await apiTokenFor("viewer")).token;
  const triggers = ["startup", "periodic", "periodic", "reconnect", "manual", "periodic"] as const;
  for (const [i, trigger] of triggers.entries()) {
    const startedAt = new Date(base + i * 60_000);
    const run = await prisma().reconciliationRun.create({
      data: {
        trigger,
        status: i === 5 ? "running" : i === 3 ? "failed" : "completed",
        startedAt,
        heartbeatAt: startedAt,
        finishedAt: i === 5 ? null : new Date(startedAt.getTime() + 1500),
        durationMs: i === 5 ? null : 1500,
        checked: { orders: 3, trades: 2 },
        found: i,
        updated: 1,
        autoResolved: 2,
        cleared: 0,
        venueRequests: 7,
        venueWeight: i === 0 ? null : 20,
        error: i === 3 ? "venue unavailable" : null,
        instance: "host:1",
      },
    });
    ids.push(run.id);
  }
  // Two runs started in the same millisecond: the id breaks the tie, so the cursor stays stable.
  for (const _ of [0, 1]) {
    const run = await prisma().reconciliationRun.create({
      data: {
        trigger: "periodic",
        status: "completed",
        startedAt: new Date(base - 60_000),
        instance: "host:2",
      },
    });
    ids.push(run.id);
  }
});

describe("GET /api/reconciliation/runs", () => {
  it("lists runs newest first with every field, ISO times", async () => {
    const response = await list();
    expect(response.status).toBe(200);
    const runs = response.json.runs as Run[];
    expect(runs).toHaveLength(8);
    expect(runs[0]).toEqual({
      id: ids[5],
      trigger: "periodic",
      status: "running",
      startedAt: new Date(base + 5 * 60_000).toISOString(),
      finishedAt: null,
      durationMs: null,
      checked: { orders: 3, trades: 2 },
      found: 5,
      updated: 1,
      autoResolved: 2,
      cleared: 0,
      venueRequests: 7,
      venueWeight: 20,
      error: null,
      instance: "host:1",
    });
    expect(runs[2]).toMatchObject({
      id: ids[3],
      status: "failed",
      error: "venue unavailable",
      finishedAt: new Date(base + 3 * 60_000 + 1500).toISOString(),
      durationMs: 1500,
    });
    expect(runs.map((r) => r.startedAt)).toEqual([...runs.map((r) => r.startedAt)].sort().reverse());
    expect(response.json.nextCursor).toBeNull();
  });

  it("pages with a stable cursor, ties on startedAt broken by id", async () => {
    const all = ((await list()).json.runs as Run[]).map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status).toBe(200);
      seen.push(...(response.json.runs as Run[]).map((r) => r.id));
      cursor = response.json.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("filters by status and trigger, each a comma list", async () => {
    const failed = (await list("?status=failed")).json.runs as Run[];
    expect(failed.map((r) => r.id)).toEqual([ids[3]]);
    const finished = (await list("?status=failed,running")).json.runs as Run[];
    expect(finished.map((r) => r.id)).toEqual([ids[5], ids[3]]);
    const manual = (await list("?trigger=manual,startup")).json.runs as Run[];
    expect(manual.map((r) => r.id)).toEqual([ids[4], ids[0]]);
    const both = (await list("?trigger=periodic&status=completed")).json.runs as Run[];
    expect(both.map((r) => r.id)).toEqual([ids[2], ids[1], ...[ids[6], ids[7]].sort().reverse()]);
  });

  it("refuses unknown filter values, bad limits and foreign cursors with 400 validation_failed naming the field", async () => {
    for (const [search, field] of [
      ["?status=completed,done", "status"],
      ["?trigger=cron", "trigger"],
      ["?limit=0", "limit"],
      ["?cursor=nonsense", "cursor"],
    ] as const) {
      const response = await list(search);
      expect(response.status, search).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.json.code).toBe("validation_failed");
      expect(response.json.errors, search).toEqual([expect.objectContaining({ field })]);
    }
  });
});

describe("GET /api/reconciliation/runs/{id}", () => {
  it("answers the run, 404 run_not_found for an unknown id, 400 for a non-uuid", async () => {
    const found = await callRoute(getRunRoute, { params: { id: ids[3]! }, token });
    expect(found.status).toBe(200);
    expect(found.json.run).toMatchObject({ id: ids[3], status: "failed", trigger: "reconnect", found: 3 });
    const missing = await callRoute(getRunRoute, {
      params: { id: "00000000-0000-4000-8000-000000000000" },
      token,
    });
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe("run_not_found");
    const bad = await callRoute(getRunRoute, { params: { id: "x" }, token });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([expect.objectContaining({ field: "id" })]);
  });
});
