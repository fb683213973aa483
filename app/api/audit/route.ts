import { z } from "zod";
import { auditCsvLines } from "@/lib/audit/audit-csv";
import { eachAuditEntry, listAuditEntries } from "@/lib/audit/list-audit-entries";
import { recordAudit } from "@/lib/audit/record-audit";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { streamedTextResponse } from "@/lib/http/streamed-text-response";

const filter = z.string().trim().min(1).max(200).optional();

const query = z.object({
  actor: filter,
  action: filter,
  target: filter,
  from: z.iso.datetime({ offset: true, error: "from must be an ISO date-time" }).optional(),
  to: z.iso.datetime({ offset: true, error: "to must be an ISO date-time" }).optional(),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,18}$/, "not a cursor from this API")
    .transform(BigInt)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  format: z.enum(["json", "csv"], { error: 'format must be "json" or "csv"' }).default("json"),
});

export const GET = defineRoute({
  access: "risk",
  query,
  handler: async ({ query, principal }) => {
    const filters = {
      actor: query.actor,
      action: query.action,
      target: query.target,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    };
    if (query.format === "json") {
      return { body: await listAuditEntries({ ...filters, cursor: query.cursor, limit: query.limit }) };
    }
    // Who took a copy of the trail, and of which part, is itself on the trail.
    await recordAudit({
      actor: principal,
      action: "audit.export",
      outcome: "success",
      details: {
        actor: query.actor ?? null,
        action: query.action ?? null,
        target: query.target ?? null,
        from: query.from ?? null,
        to: query.to ?? null,
      },
    });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return streamedTextResponse(auditCsvLines(eachAuditEntry(filters)), {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="tally-audit-${stamp}.csv"`,
    });
  },
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
