import { defineRoute } from "@/lib/http/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  handler: async () => ({ body: { status: "ok", uptimeSeconds: Math.round(process.uptime()) } }),
});
