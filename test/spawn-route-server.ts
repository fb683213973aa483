import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export type RouteServer = { url: string; child: ChildProcess; stop(): Promise<void> };

const root = path.resolve(import.meta.dirname, "..");

/** Starts test/route-server.ts in its own Node process and resolves once it listens. */
export function spawnRouteServer(env: Record<string, string>): Promise<RouteServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/route-server.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`route server did not start: ${stderr}`)), 60_000);
    child.stdout?.on("data", (chunk) => {
      out += String(chunk);
      if (process.env.ROUTE_SERVER_LOG) process.stderr.write(String(chunk));
      const match = /listening (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${match[1]}`, child, stop });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`route server exited (${code}): ${stderr}`));
    });
  });
}
