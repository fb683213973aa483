import { checkReadiness } from "@/lib/health/check-readiness";
import { defineRoute } from "@/lib/http/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  handler: async () => {
    const readiness = await checkReadiness();
    return { status: readiness.status === "ok" ? 200 : 503, body: readiness };
  },
});
