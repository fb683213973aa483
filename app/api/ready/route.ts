import { checkReadiness } from "@/lib/health/check-readiness";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { appServices } from "@/lib/runtime/app-services";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  handler: async () => {
    const { venue, bookHub } = appServices();
    const readiness = await checkReadiness({ venue, bookHub });
    return { status: readiness.status === "ok" ? 200 : 503, body: readiness };
  },
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
