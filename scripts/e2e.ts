// `npm run test:e2e`: Playwright against a production build served by scripts/start.ts on a fresh data dir.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromiumExecutable } from "../e2e/support/chromium";

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

// One e2e run at a time per machine: runs share the .next build and the e2e port.
const lockDir = path.join(os.tmpdir(), "tally-e2e.lock");
function holderAlive(): boolean {
  try {
    process.kill(Number.parseInt(readFileSync(path.join(lockDir, "pid"), "utf8"), 10), 0);
    return true;
  } catch {
    return false;
  }
}
for (let waited = 0; ; waited++) {
  try {
    mkdirSync(lockDir);
    writeFileSync(path.join(lockDir, "pid"), String(process.pid));
    break;
  } catch {
    if (!holderAlive() && waited > 2) rmSync(lockDir, { recursive: true, force: true });
    if (waited % 30 === 0) console.log("e2e: waiting for another e2e run on this machine to finish");
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
process.on("exit", () => rmSync(lockDir, { recursive: true, force: true }));

const dataDir = mkdtempSync(path.join(os.tmpdir(), "tally-e2e-"));
const result = spawnSync(
  process.execPath,
  [path.resolve("node_modules/@playwright/test/cli.js"), "test", ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, E2E_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" } },
);
rmSync(dataDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
