import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { readBalances } from "@/lib/reconciliation/read/read-balances";
import { appServices } from "@/lib/runtime/app-services";

/** Per asset: the venue's free, locked and total, what our books expect, and the drift. */
export const GET = defineRoute({
  access: "viewer",
  handler: async () => ({
    body: await readBalances({ venue: appServices().venue }),
    headers: { "cache-control": "no-store" },
  }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
