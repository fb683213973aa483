import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// A second copy of Tally beside the one Playwright started: its own port and data dir.
const PORT = 3190;
const PASSWORD = "launcher-admin-password";

type Launch = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function launch(dataDir: string, port = PORT): Launch {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      TALLY_DATA_DIR: dataDir,
      ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForReady(launched: Launch, port = PORT) {
  await expect
    .poll(
      async () => {
        if (launched.child.exitCode !== null) throw new Error(`launcher exited:\n${launched.output()}`);
        return fetch(`http://127.0.0.1:${port}/api/ready`)
          .then((r) => r.status)
          .catch(() => 0);
      },
      { timeout: 120_000, intervals: [500] },
    )
    .toBe(200);
}

function portAcceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const postgresProcessesFor = (dataDir: string) =>
  execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes(path.join(dataDir, "pg")) && line.includes("postgres"));

test.describe.configure({ timeout: 300_000 });

test("runs beside another copy, refuses a second start on a busy data dir, survives kill -9, stops cleanly", async ({
  baseURL,
}) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tally-launcher-"));
  try {
    const first = launch(dataDir);
    await waitForReady(first);
    expect((await fetch(`${baseURL}/api/health`)).status).toBe(200);
    const simPort = Number(
      /simulated venue listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(first.output())?.[1],
    );
    expect(simPort).toBeGreaterThan(0);

    const second = launch(dataDir, PORT + 1);
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(/already running from .* \(pid \d+\)/);

    first.child.kill("SIGKILL");
    await first.exited;
    // The venue simulator follows its parent down; the orphaned PostgreSQL is taken over by the next start.
    await expect.poll(() => portAcceptsConnections(simPort), { timeout: 15_000 }).toBe(false);

    const restarted = launch(dataDir);
    await waitForReady(restarted);
    const login = await fetch(`http://127.0.0.1:${PORT}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: PASSWORD }),
    });
    expect(login.status).toBe(200);

    restarted.child.kill("SIGINT");
    expect([0, 130]).toContain(await restarted.exited);
    expect(restarted.output()).toContain("[tally] stopped");
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    expect(await portAcceptsConnections(PORT)).toBe(false);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
