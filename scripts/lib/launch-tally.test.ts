import { describe, expect, it } from "vitest";
import { launchEnv } from "./launch-tally";

describe("launchEnv", () => {
  const options = { port: 3500, dataDir: "/tmp/copy" };

  it("does not hand the copy a database or venue that the launching process points at", () => {
    const env = launchEnv(
      {
        NODE_ENV: "production",
        PATH: "/usr/bin",
        DATABASE_URL: "postgresql://127.0.0.1:39541/tally",
        SIM_PORT: "4010",
      },
      options,
    );
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SIM_PORT).toBeUndefined();
    expect(env).toMatchObject({ PATH: "/usr/bin", PORT: "3500", TALLY_DATA_DIR: "/tmp/copy" });
  });

  it("passes a database given for the copy itself", () => {
    const env = launchEnv(
      { NODE_ENV: "production", DATABASE_URL: "postgresql://old" },
      { ...options, env: { DATABASE_URL: "postgresql://new" } },
    );
    expect(env.DATABASE_URL).toBe("postgresql://new");
  });
});
