import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// A second copy of Tally beside the one Playwright started: its own port and data dir.
const PORT = 3190;
const PASSWORD = "launcher-admin-password";

type Launch = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** `npm start` as a supervisor runs it (Docker, systemd), or `node --import tsx scripts/start.ts`. */
function launch(dataDir: string, port = PORT, how: "node" | "npm" = "node"): Launch {
  const npm = process.env.npm_execpath;
  const command =
    how === "node"
      ? [process.execPath, "--import", "tsx", "scripts/start.ts"]
      : npm
        ? [process.execPath, npm, "start"]
        : ["npm", "start"];
  const child = spawn(command[0] as string, command.slice(1), {
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

/** A zombie (exited, not yet reaped by whoever adopted it) counts as gone. */
const alive = (pid: number | undefined) => {
  if (!pid) return false;
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
};

/** The launcher's processes: npm (when started by it), the node running scripts/start.ts, PostgreSQL and the sim. */
function launcherProcesses(launched: Launch, dataDir: string) {
  const children = (pid: number) =>
    execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
      .split("\n")
      .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
      .filter((match) => Number(match?.[2]) === pid)
      .map((match) => ({ pid: Number(match?.[1]), args: match?.[3] ?? "" }));
  const top = launched.child.pid as number;
  const node = children(top).find((p) => p.args.includes("scripts/start.ts"))?.pid ?? top;
  const sim = children(node).find((p) => p.args.includes("sim/main.ts"))?.pid;
  const postgres = Number.parseInt(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8"), 10);
  return { top, node, sim, postgres };
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
    // The venue simulator and PostgreSQL follow their parent down.
    await expect.poll(() => portAcceptsConnections(simPort), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => postgresProcessesFor(dataDir), { timeout: 15_000 }).toEqual([]);

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

test("npm start stops everything cleanly on SIGTERM and SIGHUP; PostgreSQL and the sim follow a launcher killed with SIGKILL", async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tally-launcher-signals-"));
  const port = PORT + 2;
  try {
    for (const signal of ["SIGTERM", "SIGHUP"] as const) {
      const launched = launch(dataDir, port, "npm");
      await waitForReady(launched, port);
      const processes = launcherProcesses(launched, dataDir);
      expect(processes.node).not.toBe(processes.top);
      expect(alive(processes.sim)).toBe(true);
      expect(alive(processes.postgres)).toBe(true);

      launched.child.kill(signal);
      await expect
        .poll(() => Object.values(processes).filter(alive), { timeout: 10_000, message: signal })
        .toEqual([]);
      expect(launched.output()).toContain("[tally] stopped");
      expect(launched.output()).not.toContain("connection lost"); // neither the pool nor the event bus
    }

    const launched = launch(dataDir, port, "npm");
    await waitForReady(launched, port);
    const processes = launcherProcesses(launched, dataDir);
    process.kill(processes.node, "SIGKILL");
    await expect
      .poll(() => [processes.postgres, processes.sim].filter(alive), { timeout: 10_000 })
      .toEqual([]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
