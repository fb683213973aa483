import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isProcessAlive } from "../../lib/runtime/is-process-alive";

/**
 * One Tally per data dir. A lock left by a crashed (kill -9) start is taken over; a live one is an
 * error that names the process holding it.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, "tally.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => {
        try {
          if (readFileSync(file, "utf8") === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(readFileSync(file, "utf8"), 10);
      if (holder !== process.pid && isProcessAlive(holder)) {
        throw new Error(
          `Tally is already running from ${dataDir} (pid ${holder}). Stop it, or use another TALLY_DATA_DIR and PORT.`,
        );
      }
      unlinkSync(file);
    }
  }
  throw new Error(`could not lock ${file}`);
}
