// `npm run test:e2e`: Playwright against a production build served by scripts/start.ts on a fresh data dir.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromiumExecutable } from "../e2e/support/chromium";
import { acquireBuildLock } from "./lib/build-lock";

if (!chromiumExecutable()) {
  console.error(
    [
      "e2e: no Chromium found, so the end-to-end tests cannot run.",
      "  Debian/Ubuntu: sudo apt-get install -y chromium   (then it is found at /usr/bin/chromium)",
      "  elsewhere:     npx playwright install chromium   or set CHROMIUM_PATH=/path/to/chrome",
    ].join("\n"),
  );
  process.exit(1);
}

// One e2e run at a time per machine: runs share the .next build and the e2e ports.
const releaseBuildLock = await acquireBuildLock();
process.on("exit", releaseBuildLock);

const dataDir = mkdtempSync(path.join(os.tmpdir(), "tally-e2e-"));
const result = spawnSync(
  process.execPath,
  [path.resolve("node_modules/@playwright/test/cli.js"), "test", ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, E2E_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" } },
);
rmSync(dataDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
