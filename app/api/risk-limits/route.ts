import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { readRiskLimits } from "@/lib/risk/limits/risk-limits-store";
import { riskLimitsToWire } from "@/lib/risk/limits/risk-limits-view";
import { riskLimitsInputSchema } from "@/lib/risk/limits/risk-limits-wire-schema";
import { updateRiskLimits } from "@/lib/risk/limits/update-risk-limits";

export const GET = defineRoute({
  access: "viewer",
  handler: async () => ({ body: { limits: riskLimitsToWire(await readRiskLimits()) } }),
});

export const PUT = defineRoute({
  access: "risk",
  body: riskLimitsInputSchema,
  handler: async ({ body, principal, requestId, ip }) => ({
    body: { limits: await updateRiskLimits({ input: body, actor: principal, requestId, ip }) },
  }),
});

export const { HEAD, POST, PATCH, DELETE, OPTIONS } = otherMethods({ GET, PUT });
