import { ApiError } from "../../api/api-client";

/** One sentence for a failed load of the orders list: the API's problem detail, with its references. */
export function describeLoadError(error: unknown): string {
  if (error instanceof ApiError) {
    const { problem } = error;
    const fields = (problem.errors ?? [])
      .filter((entry) => !problem.detail.includes(entry.message))
      .map((entry) => `${entry.field}: ${entry.message}`);
    const detail = [problem.detail, ...fields].join("; ");
    const reference = [
      `HTTP ${problem.status}`,
      problem.code,
      problem.requestId && `request ${problem.requestId}`,
    ]
      .filter(Boolean)
      .join(", ");
    return `${detail} (${reference})`;
  }
  // fetch rejects with a TypeError when the request never got an answer.
  if (error instanceof TypeError) return "Cannot reach the server.";
  if (error instanceof SyntaxError) return "The server's answer was not readable.";
  return error instanceof Error && error.message ? error.message : "Unknown error.";
}

/** Problems the request itself caused (4xx) will not go away on a retry; outages and 5xx may. */
export function shouldRetryListLoad(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  return !(error instanceof ApiError && error.problem.status >= 400 && error.problem.status < 500);
}
