import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isProcessAlive } from "../runtime/is-process-alive";

const root = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A process that starts an embedded PostgreSQL and prints the postmaster's pid. */
function startOwner(dataDir: string): Promise<{ child: ChildProcess; postmasterPid: number }> {
  const script = `
    import { startEmbeddedPostgres } from "./lib/db/embedded-postgres.ts";
    await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, database: "owner" });
    console.log("started");
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`owner exited (${code})`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      if (!chunk.toString().includes("started")) return;
      const pid = Number.parseInt(
        readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0] ?? "",
        10,
      );
      resolve({ child, postmasterPid: pid });
    });
  });
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe("embedded PostgreSQL", () => {
  it("stops when the process that started it is killed with SIGKILL", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tally-pg-lifeline-"));
    dirs.push(dir);
    const { child, postmasterPid } = await startOwner(path.join(dir, "pg"));
    expect(isProcessAlive(postmasterPid)).toBe(true);
    child.kill("SIGKILL");
    expect(await waitForExit(postmasterPid, 10_000)).toBe(true);
  });

  it("runs in its own process group, so a Ctrl-C for the owner's group leaves its stopping to the owner", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tally-pg-group-"));
    dirs.push(dir);
    const { child, postmasterPid } = await startOwner(path.join(dir, "pg"));
    // As a terminal's Ctrl-C does: the signal goes to every process in the owner's group.
    const group = Number(readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ")[2]);
    expect(group).toBeGreaterThan(0);
    expect(readFileSync(`/proc/${postmasterPid}/stat`, "utf8").split(") ")[1]?.split(" ")[2]).not.toBe(
      String(group),
    );
  });
});
