import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export type LaunchedTally = {
  child: ChildProcess;
  baseURL: string;
  output: () => string;
  /** Port of the simulated venue this copy started (from its start-up log). */
  simPort: () => number;
  stop: () => Promise<void>;
};

const root = path.resolve(import.meta.dirname, "../..");

/**
 * The copy's environment: this process's, without what would point the copy at another copy's database
 * or venue (a benchmark that ran before may have set DATABASE_URL to a server it has since stopped).
 */
export function launchEnv(
  parent: NodeJS.ProcessEnv,
  options: { port: number; dataDir: string; env?: Record<string, string> },
): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, DATABASE_OWNER_URL: _owner, SIM_PORT: _sim, ...inherited } = parent;
  return {
    ...inherited,
    PORT: String(options.port),
    TALLY_DATA_DIR: options.dataDir,
    LOG_LEVEL: "warn",
    ...options.env,
  };
}

/** Starts a copy of Tally like `npm start` (scripts/start.ts) and waits until /api/ready answers 200. */
export async function launchTally(options: {
  port: number;
  dataDir: string;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<LaunchedTally> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: launchEnv(process.env, options),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const baseURL = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 600_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tally exited during start-up:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`tally was not ready in time:\n${output.slice(-3000)}`);
    }
    const status = await fetch(`${baseURL}/api/ready`)
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    child,
    baseURL,
    output: () => output,
    simPort: () => {
      const match = /simulated venue listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (!match) throw new Error(`no simulated venue port in the start-up log:\n${output}`);
      return Number(match[1]);
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      await exited;
    },
  };
}
