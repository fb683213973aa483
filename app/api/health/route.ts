import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  handler: async () => ({ body: { status: "ok", uptimeSeconds: Math.round(process.uptime()) } }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
