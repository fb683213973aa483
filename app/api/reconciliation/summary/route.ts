import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { reconciliationSummary } from "@/lib/reconciliation/read/reconciliation-summary";

const DEFAULT_RANGE_MS = 24 * 3_600_000;
const MAX_RANGE_MS = 31 * 24 * 3_600_000;

const query = z
  .object({
    from: z.iso.datetime({ offset: true, error: "from must be an ISO date-time" }).optional(),
    to: z.iso.datetime({ offset: true, error: "to must be an ISO date-time" }).optional(),
    bucket: z.enum(["hour", "day"], { error: "bucket must be hour or day" }).default("hour"),
  })
  .transform((q, ctx) => {
    const now = new Date();
    const to = q.to ? new Date(q.to) : now;
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_RANGE_MS);
    if (from >= to) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
    else if (to.getTime() - from.getTime() > MAX_RANGE_MS)
      ctx.addIssue({ code: "custom", path: ["to"], message: "the range from..to must be at most 31 days" });
    return { from, to, bucket: q.bucket, now };
  });

export const GET = defineRoute({
  access: "viewer",
  query,
  handler: async ({ query }) => ({ body: await reconciliationSummary(query) }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
