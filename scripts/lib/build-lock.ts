import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isProcessAlive } from "../../lib/runtime/is-process-alive";

const lockDir = path.join(os.tmpdir(), "tally-e2e.lock");

function holderAlive(): boolean {
  try {
    return isProcessAlive(Number.parseInt(readFileSync(path.join(lockDir, "pid"), "utf8"), 10));
  } catch {
    return false;
  }
}

/**
 * One run at a time per machine of whatever serves the production build (e2e, browser and HTTP
 * benchmarks): they share the .next build, which scripts/start.ts may rebuild, and the e2e ports.
 * Returns the release function; a lock left by a dead process is taken over.
 */
export async function acquireBuildLock(): Promise<() => void> {
  for (let waited = 0; ; waited++) {
    try {
      mkdirSync(lockDir);
      writeFileSync(path.join(lockDir, "pid"), String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch {
      if (!holderAlive() && waited > 2) rmSync(lockDir, { recursive: true, force: true });
      if (waited % 30 === 0)
        console.log("waiting for another e2e or benchmark run on this machine to finish");
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
