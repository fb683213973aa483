import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { getMismatchOrThrow } from "@/lib/reconciliation/read/get-mismatch-or-throw";

const params = z.object({ id: z.uuid("must be a mismatch id") });

export const GET = defineRoute({
  access: "viewer",
  params,
  handler: async ({ params }) => ({ body: { mismatch: await getMismatchOrThrow({ id: params.id }) } }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
