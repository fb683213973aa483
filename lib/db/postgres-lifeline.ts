import { spawn } from "node:child_process";

// Runs as its own tiny process: when its stdin closes (the process that started PostgreSQL is gone,
// even by kill -9) it asks the postmaster for a fast shutdown, and an immediate one if that hangs.
const WATCHDOG = `
const pid = Number(process.argv[1]);
const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
const stop = () => {
  try { process.kill(pid, "SIGINT"); } catch { process.exit(0); }
  const deadline = Date.now() + 20000;
  setInterval(() => {
    if (!alive()) process.exit(0);
    if (Date.now() > deadline) { try { process.kill(pid, "SIGQUIT"); } catch {} process.exit(0); }
  }, 100);
};
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
`;

export type Lifeline = { release(): void };

/** Keeps the postmaster `pid` from outliving this process. `release` once it has been stopped. */
export function postgresLifeline(pid: number): Lifeline {
  const child = spawn(process.execPath, ["-e", WATCHDOG, String(pid)], {
    // Its own session: a Ctrl-C or hang-up for the launcher's group is the launcher's to handle.
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
  });
  child.unref();
  // The pipe must not keep this process alive; it only has to close when this process ends.
  (child.stdin as unknown as { unref(): void }).unref();
  return { release: () => child.kill("SIGKILL") };
}
