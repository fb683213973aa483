import { spawn } from "node:child_process";
import path from "node:path";
import { rawEnvironment } from "../env";

const wrapper = path.resolve(import.meta.dirname ?? __dirname, "../../scripts/prisma.mjs");

type RunOptions = { args: string[]; databaseUrl: string; quiet?: boolean };

/** Runs the Prisma CLI through scripts/prisma.mjs and returns its stdout; rejects with its output on failure. */
export function runPrismaCli({ args, databaseUrl, quiet = true }: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wrapper, ...args], {
      env: { ...rawEnvironment(), DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      if (!quiet) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
      if (!quiet) process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`prisma ${args.join(" ")} failed (exit ${code}):\n${stderr || stdout}`));
    });
  });
}

/** Applies every migration in prisma/migrations that the database has not seen yet. */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  await runPrismaCli({ args: ["migrate", "deploy"], databaseUrl });
}
