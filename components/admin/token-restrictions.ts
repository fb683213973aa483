import type { Problem } from "../api/api-client";

/** The allowed-addresses box: ranges separated by commas, spaces or new lines. */
export function parseAllowedCidrs(text: string): string[] {
  return text.split(/[\s,]+/).filter((part) => part !== "");
}

/** A datetime-local value (the browser's local time) as an ISO instant; empty means no expiry. */
export function expiryFromInput(value: string): string | undefined {
  if (value.trim() === "") return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** The server's field errors for the expiry and address inputs (an address error names its index). */
export function restrictionErrors(problem: Problem): { expiresAt?: string; allowedCidrs?: string } {
  const result: { expiresAt?: string; allowedCidrs?: string } = {};
  for (const error of problem.errors ?? []) {
    const field = error.field.split(".")[0];
    if (field === "expiresAt") result.expiresAt ??= error.message;
    if (field === "allowedCidrs") result.allowedCidrs ??= error.message;
  }
  return result;
}
