import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { readTradingState } from "@/lib/risk/read-trading-state";

/** 200 { killSwitch, halts }: the global switch and every engaged symbol halt. */
export const GET = defineRoute({
  access: "viewer",
  handler: async () => ({ body: await readTradingState() }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
