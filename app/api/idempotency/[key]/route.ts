import { z } from "zod";
import { principalScope } from "@/lib/auth/principal";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { presentOutcome } from "@/lib/http/present-outcome";
import { getIdempotencyOutcome } from "@/lib/idempotency/get-idempotency-outcome";

const params = z.object({
  key: z.string().regex(/^[\x20-\x7e]{1,255}$/, "must be 1 to 255 printable ASCII characters"),
});

export const GET = defineRoute({
  access: "viewer",
  params,
  handler: async ({ params, principal }) => {
    const { outcome, ...record } = await getIdempotencyOutcome({
      scope: principalScope(principal),
      key: params.key,
    });
    const answer = outcome ? presentOutcome(outcome) : null;
    return {
      body: {
        ...record,
        response: answer ? { status: answer.status, body: JSON.parse(answer.body) as unknown } : null,
      },
    };
  },
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
