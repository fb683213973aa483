import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/api-client";
import { describeLoadError, shouldRetryListLoad } from "./order-list-errors";

describe("describeLoadError", () => {
  it("shows the problem's detail with its status, code and request id", () => {
    const error = new ApiError({
      status: 503,
      code: "database_unavailable",
      detail: "The database is not reachable",
      requestId: "req-1",
    });
    expect(describeLoadError(error)).toBe(
      "The database is not reachable (HTTP 503, database_unavailable, request req-1)",
    );
  });

  it("adds field errors the detail does not already say", () => {
    const error = new ApiError({
      status: 400,
      code: "validation_failed",
      detail: "The request query is invalid: from: from must be an ISO date-time",
      errors: [
        { field: "from", message: "from must be an ISO date-time" },
        { field: "limit", message: "Too big" },
      ],
    });
    expect(describeLoadError(error)).toBe(
      "The request query is invalid: from: from must be an ISO date-time; limit: Too big (HTTP 400, validation_failed)",
    );
  });

  it("says so when the server cannot be reached or answers something unreadable", () => {
    expect(describeLoadError(new TypeError("Failed to fetch"))).toBe("Cannot reach the server.");
    expect(describeLoadError(new SyntaxError("Unexpected token <"))).toBe(
      "The server's answer was not readable.",
    );
    expect(describeLoadError("???")).toBe("Unknown error.");
  });
});

describe("shouldRetryListLoad", () => {
  const problem = (status: number) => new ApiError({ status, code: "x", detail: "x" });

  it("never retries what the request caused (4xx)", () => {
    expect(shouldRetryListLoad(0, problem(400))).toBe(false);
    expect(shouldRetryListLoad(0, problem(403))).toBe(false);
  });

  it("retries outages and server errors twice", () => {
    expect(shouldRetryListLoad(0, problem(503))).toBe(true);
    expect(shouldRetryListLoad(1, new TypeError("Failed to fetch"))).toBe(true);
    expect(shouldRetryListLoad(2, problem(500))).toBe(false);
  });
});
