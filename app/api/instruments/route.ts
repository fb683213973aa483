import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { listInstruments } from "@/lib/instruments/list-instruments";

export const GET = defineRoute({
  access: "viewer",
  handler: async () => ({ body: { instruments: await listInstruments() } }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
