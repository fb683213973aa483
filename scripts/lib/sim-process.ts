import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export type SimProcess = { port: number; stop(): Promise<void>; exited: Promise<void> };

/** Starts the simulated venue (sim/main.ts) as its own process and waits until it listens. */
export function startSimProcess({
  root,
  port,
  env,
  stateFile,
}: {
  root: string;
  port: number;
  env: NodeJS.ProcessEnv;
  /** Keeps the venue's orders, trades and balances across restarts. */
  stateFile: string;
}) {
  return new Promise<SimProcess>((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "sim/main.ts")], {
      cwd: root,
      env: { ...env, SIM_PORT: String(port), SIM_EXIT_WITH_PARENT: "1", SIM_STATE_FILE: stateFile },
      // stdin stays open as a lifeline: the sim exits when this process dies, even by kill -9.
      stdio: ["pipe", "pipe", "inherit"],
    });
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    let ready = false;
    const timer = setTimeout(() => {
      if (!ready) reject(new Error("the simulated venue did not start within 30 s"));
    }, 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (!ready && text.includes("sim listening on")) {
        ready = true;
        clearTimeout(timer);
        resolve({
          port,
          exited,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
        });
      }
      if (process.env.SIM_LOG === "1") process.stdout.write(text);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`the simulated venue exited during start-up (exit ${code})`));
    });
  });
}
