import { dictionary } from "@zxcvbn-ts/language-common";
import { DomainError } from "../errors/domain-error";
import { MIN_PASSWORD_LENGTH } from "./passwords";

let common: Set<string> | undefined;

/** Why a password is refused (NIST SP 800-63B 3.1.1.2), or null when it is acceptable. */
export function passwordWeakness(username: string, password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.trim() === "") return "must not be only spaces";
  const lowered = password.toLowerCase();
  if (lowered === username.toLowerCase()) return "must not be the username";
  // zxcvbn's list of ~50k passwords from breach corpora, all lower case.
  common ??= new Set(dictionary["passwords-common"]);
  if (common.has(lowered)) return "is a commonly used password; choose another";
  return null;
}

export function assertPasswordAcceptable(username: string, password: string): void {
  const weakness = passwordWeakness(username, password);
  if (!weakness) return;
  throw new DomainError({
    kind: "bad_request",
    code: "weak_password",
    detail: `password: ${weakness}`,
    extra: { errors: [{ field: "password", message: weakness }] },
  });
}
