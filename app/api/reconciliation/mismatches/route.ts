import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { commaListOf } from "@/lib/reconciliation/read/comma-list";
import { listMismatches } from "@/lib/reconciliation/read/list-mismatches";
import {
  MISMATCH_SEVERITIES,
  MISMATCH_SORTS,
  MISMATCH_STATUSES,
  MISMATCH_TYPES,
} from "@/lib/reconciliation/read/mismatch-vocabulary";

const query = z.object({
  status: commaListOf("status", MISMATCH_STATUSES),
  type: commaListOf("type", MISMATCH_TYPES),
  severity: commaListOf("severity", MISMATCH_SEVERITIES),
  symbol: z
    .string()
    .max(400)
    .optional()
    .transform((value) =>
      value
        ? value
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    ),
  sort: z
    .enum(MISMATCH_SORTS, { error: `sort must be one of ${MISMATCH_SORTS.join(", ")}` })
    .default("lastSeenAt"),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = defineRoute({
  access: "viewer",
  query,
  handler: async ({ query }) => ({
    body: await listMismatches({
      statuses: query.status,
      types: query.type,
      severities: query.severity,
      symbols: query.symbol,
      sort: query.sort,
      cursor: query.cursor,
      limit: query.limit,
    }),
  }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
