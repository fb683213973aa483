import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "tally-admin-password-"));
// A data dir below a plain file cannot be created: should the check be missing, start.ts dies there
// instead of starting a database.
const blockedDataDir = path.join(scratch, "file", "data");
writeFileSync(path.join(scratch, "file"), "");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("npm start with a weak ADMIN_PASSWORD", () => {
  it.each([
    [" ".repeat(12), "must not be only spaces"],
    ["password1234", "is a commonly used password"],
  ])("refuses %j before starting anything", (password, reason) => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env: { ...process.env, ADMIN_PASSWORD: password, TALLY_DATA_DIR: blockedDataDir },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`ADMIN_PASSWORD is refused: it ${reason}`);
  });
});
