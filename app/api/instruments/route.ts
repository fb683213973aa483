import { defineRoute } from "@/lib/http/define-route";
import { listInstruments } from "@/lib/instruments/list-instruments";

export const GET = defineRoute({
  access: "viewer",
  handler: async () => ({ body: { instruments: await listInstruments() } }),
});
