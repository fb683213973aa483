import { env } from "@/lib/env";
import { checkReadiness } from "@/lib/health/check-readiness";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { appServices } from "@/lib/runtime/app-services";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  handler: async () => {
    const { venue, bookHub, reconciliationGate } = appServices();
    const readiness = await checkReadiness({
      venue,
      bookHub,
      reconciliation: { gate: reconciliationGate, intervalMs: env().RECONCILIATION_INTERVAL_SECONDS * 1_000 },
    });
    return { status: readiness.status === "ok" ? 200 : 503, body: readiness };
  },
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
