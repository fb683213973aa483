import { z } from "zod";
import { MAX_TOKEN_CIDRS, MAX_TOKEN_LIFETIME_DAYS } from "@/lib/auth/api-token-limits";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { normaliseCidr } from "@/lib/auth/cidr";
import { requestApiToken } from "@/lib/auth/request-api-token";
import { ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/define-route";
import { idempotentResponse } from "@/lib/http/idempotent-response";
import { otherMethods } from "@/lib/http/other-methods";
import { presentTokenCreated } from "@/lib/http/present-token-created";

export const GET = defineRoute({
  access: "risk",
  handler: async () => ({ body: { tokens: await listApiTokens() } }),
});

const DAY_MS = 86_400_000;

const expiresAt = z.iso
  .datetime({ offset: true, error: "expiresAt must be an ISO date-time" })
  .transform((text) => new Date(text))
  .refine((at) => at.getTime() > Date.now(), "expiresAt must be in the future")
  .refine(
    (at) => at.getTime() <= Date.now() + MAX_TOKEN_LIFETIME_DAYS * DAY_MS,
    `expiresAt must be at most ${MAX_TOKEN_LIFETIME_DAYS} days away`,
  );

const cidr = z.string().transform((text, context) => {
  const normalised = normaliseCidr(text);
  if (normalised === null) {
    context.addIssue({ code: "custom", message: `"${text}" is not an IPv4 or IPv6 address range (CIDR)` });
    return z.NEVER;
  }
  return normalised;
});

const body = z.object({
  name: z.string().trim().min(1, "required").max(100),
  role: z.enum(ROLES),
  expiresAt: expiresAt.optional(),
  allowedCidrs: z
    .array(cidr)
    .max(MAX_TOKEN_CIDRS, `at most ${MAX_TOKEN_CIDRS} address ranges`)
    .transform((ranges) => [...new Set(ranges)])
    .optional(),
});

export const POST = defineRoute({
  access: "risk",
  idempotencyKey: true,
  body,
  handler: async ({ body, principal, ip, requestId, keyedRequest }) => {
    const result = await requestApiToken({ ...body, actor: principal, request: keyedRequest, ip, requestId });
    if (result.replayed) return idempotentResponse(result);
    const answer = presentTokenCreated(result.outcome, result.secret);
    return new Response(answer.body, {
      status: answer.status,
      headers: { "content-type": "application/json", "cache-control": "no-store" },
    });
  },
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
