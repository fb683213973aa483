import { defineConfig, devices } from "@playwright/test";
import { chromiumExecutable } from "./e2e/support/chromium";

const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";
export const E2E_ADMIN_PASSWORD = "e2e-admin-password";
/** The simulated venue of the e2e server listens here, so specs can drive its /__sim control endpoints. */
export const E2E_SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4110);

// Debian's Chromium (or CHROMIUM_PATH) when there, else Playwright's own browser: see ../shared/TOOLCHAIN.md.
const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
        "--disable-gpu",
        "--no-sandbox",
      ],
    },
  },
  projects: [
    { name: "ui", testMatch: /.*\.ui\.spec\.ts/, use: { ...devices["Desktop Chrome"] } },
    { name: "api", testMatch: /.*\.api\.spec\.ts/ },
  ],
  webServer: {
    command: "node --import tsx scripts/start.ts",
    url: `http://localhost:${port}/api/ready`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGINT", timeout: 20_000 },
    env: {
      PORT: String(port),
      TALLY_DATA_DIR: dataDir,
      ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      TALLY_SIM_PORT: String(E2E_SIM_PORT),
      LOG_LEVEL: "warn",
    },
  },
});
