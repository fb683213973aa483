import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { idempotentResponse } from "@/lib/http/idempotent-response";
import { otherMethods } from "@/lib/http/other-methods";
import { commaListOf } from "@/lib/reconciliation/read/comma-list";
import { listRuns } from "@/lib/reconciliation/read/list-runs";
import { RUN_STATUSES, RUN_TRIGGERS } from "@/lib/reconciliation/read/mismatch-vocabulary";
import { requestReconciliationRun } from "@/lib/reconciliation/request-run";
import { appServices } from "@/lib/runtime/app-services";

const query = z.object({
  status: commaListOf("status", RUN_STATUSES),
  trigger: commaListOf("trigger", RUN_TRIGGERS),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = defineRoute({
  access: "viewer",
  query,
  handler: async ({ query }) => ({
    body: await listRuns({
      statuses: query.status,
      triggers: query.trigger,
      cursor: query.cursor,
      limit: query.limit,
    }),
  }),
});

/** 202 { run }: a run starts now, or the running one (on any instance) is joined. */
export const POST = defineRoute({
  access: "trader",
  idempotencyKey: true,
  handler: async ({ keyedRequest, principal, requestId }) =>
    idempotentResponse(
      await requestReconciliationRun({
        venue: appServices().venue,
        principal,
        request: keyedRequest,
        requestId,
      }),
    ),
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
