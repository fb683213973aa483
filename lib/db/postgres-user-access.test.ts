import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertPostgresUserCan, postgresUserIds } from "./postgres-user-access";

const ids = process.getuid?.() === 0 ? postgresUserIds() : undefined;
const dir = mkdtempSync(path.join(os.tmpdir(), "tally-pg-access-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!ids)("assertPostgresUserCan (as root)", () => {
  const remedy = "move the checkout somewhere it can read (e.g. /srv/tally)";

  it("refuses, in one sentence saying what to do, a binary under a directory only root can enter", () => {
    const hidden = path.join(dir, "checkout");
    mkdirSync(path.join(hidden, "bin"), { recursive: true });
    writeFileSync(path.join(hidden, "bin", "initdb"), "#!/bin/sh\n", { mode: 0o755 });
    chmodSync(hidden, 0o700);
    const initdb = path.join(hidden, "bin", "initdb");
    expect(() => assertPostgresUserCan("x", initdb, ids as NonNullable<typeof ids>, remedy)).toThrow(
      `PostgreSQL runs as the 'postgres' user, which cannot read ${initdb}: ${remedy}`,
    );
  });

  it("accepts a binary the postgres user can run", () => {
    const open = path.join(dir, "open");
    mkdirSync(open, { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(path.join(open, "initdb"), "#!/bin/sh\n", { mode: 0o755 });
    expect(() =>
      assertPostgresUserCan("x", path.join(open, "initdb"), ids as NonNullable<typeof ids>, remedy),
    ).not.toThrow();
  });
});
