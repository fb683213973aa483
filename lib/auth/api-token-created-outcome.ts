import type { StoredOutcome } from "../idempotency/idempotency-types";
import type { ApiTokenView } from "./api-tokens";

/** The stored outcome of POST /api/tokens: the token without its secret, which is never stored. */
export interface ApiTokenCreatedOutcome extends StoredOutcome {
  kind: "api_token_created";
  apiToken: ApiTokenView;
}
