import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("applies the documented defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      TALLY_DATA_DIR: ".data",
      VENUE: "sim",
      SIM_PORT: 4010,
      TRUST_PROXY: false,
      KILL_SWITCH_AUTO_CANCEL: false,
    });
    expect(parseEnv({ KILL_SWITCH_AUTO_CANCEL: "true" }).KILL_SWITCH_AUTO_CANCEL).toBe(true);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.TALLY_ALLOWED_ORIGINS).toEqual([]);
  });

  it("names every bad variable without echoing its value", () => {
    let error: unknown;
    try {
      parseEnv({ PORT: "70000", DATABASE_URL: "mysql://secret@host", ADMIN_PASSWORD: "short" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toContain("PORT");
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("ADMIN_PASSWORD");
    expect(message).not.toContain("secret");
  });

  it("treats empty strings as unset and splits allowed origins", () => {
    const env = parseEnv({ DATABASE_URL: "", TALLY_ALLOWED_ORIGINS: "https://a.example, https://b.example" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.TALLY_ALLOWED_ORIGINS).toEqual(["https://a.example", "https://b.example"]);
  });
});

describe("alert webhook settings", () => {
  const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;

  it("requires a signing secret when the URL is set, and a well-formed one, without echoing it", () => {
    expect(() => parseEnv({ ALERT_WEBHOOK_URL: "https://alerts.example/hook" })).toThrow(
      /ALERT_WEBHOOK_SECRET: is required when ALERT_WEBHOOK_URL is set/,
    );
    let message = "";
    try {
      parseEnv({ ALERT_WEBHOOK_URL: "https://alerts.example/hook", ALERT_WEBHOOK_SECRET: "hunter2-plain" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("ALERT_WEBHOOK_SECRET: must be a Standard Webhooks secret");
    expect(message).not.toContain("hunter2");
    expect(
      parseEnv({ ALERT_WEBHOOK_URL: "https://alerts.example/hook", ALERT_WEBHOOK_SECRET: secret }),
    ).toMatchObject({ ALERT_WEBHOOK_URL: "https://alerts.example/hook", ALERT_WEBHOOK_SECRET: secret });
  });

  it("refuses a URL that is not http(s)", () => {
    expect(() =>
      parseEnv({ ALERT_WEBHOOK_URL: "ftp://alerts.example", ALERT_WEBHOOK_SECRET: secret }),
    ).toThrow(/ALERT_WEBHOOK_URL/);
  });
});
