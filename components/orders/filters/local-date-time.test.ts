import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoToLocalInput, localInputToIso } from "./local-date-time";

describe("datetime-local <-> ISO in a fixed time zone", () => {
  const previous = process.env.TZ;
  beforeAll(() => {
    // India: UTC+05:30 all year, so the expectations hold on any machine and any date.
    process.env.TZ = "Asia/Kolkata";
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  });

  it("reads the input's value as local time", () => {
    expect(localInputToIso("2024-05-01T10:00")).toBe("2024-05-01T04:30:00.000Z");
    expect(localInputToIso("2024-05-01T10:00:30")).toBe("2024-05-01T04:30:30.000Z");
    expect(localInputToIso("2024-05-01T10:00:30.25")).toBe("2024-05-01T04:30:30.250Z");
  });

  it("shows an instant in local time, with seconds only when there are any", () => {
    expect(isoToLocalInput("2024-05-01T04:30:00.000Z")).toBe("2024-05-01T10:00");
    expect(isoToLocalInput("2024-05-01T10:00:00+02:00")).toBe("2024-05-01T13:30");
    expect(isoToLocalInput("2024-05-01T04:30:30Z")).toBe("2024-05-01T10:00:30");
    expect(isoToLocalInput("2024-05-01T04:30:30.007Z")).toBe("2024-05-01T10:00:30.007");
  });
});

describe("datetime-local <-> ISO", () => {
  it("round-trips in the machine's time zone", () => {
    for (const local of ["2024-01-15T00:00", "2024-07-15T23:59", "2023-12-31T12:34:56"]) {
      expect(isoToLocalInput(localInputToIso(local))).toBe(local);
    }
  });

  it("keeps years below 100, which a year being typed passes through", () => {
    expect(isoToLocalInput(localInputToIso("0020-05-01T10:00"))).toBe("0020-05-01T10:00");
  });

  it("gives empty for an empty, partial or impossible value", () => {
    expect(localInputToIso("")).toBe("");
    expect(localInputToIso("2024-05-01")).toBe("");
    expect(localInputToIso("2024-02-30T10:00")).toBe("");
    expect(isoToLocalInput("")).toBe("");
    expect(isoToLocalInput("not a date")).toBe("");
  });
});
