import type { ApiTokenCreatedOutcome } from "../auth/api-token-created-outcome";
import type { PresentedAnswer } from "./present-outcome";

/**
 * 201 with the token; the secret only in the first answer (`secretShown: true`), a replay says
 * `secretShown: false` because the stored outcome never held it.
 */
export function presentTokenCreated(outcome: ApiTokenCreatedOutcome, secret?: string): PresentedAnswer {
  const { apiToken } = outcome;
  const body = secret
    ? { id: apiToken.id, apiToken, secretShown: true, token: secret }
    : { id: apiToken.id, apiToken, secretShown: false };
  return { status: 201, body: JSON.stringify(body) };
}
