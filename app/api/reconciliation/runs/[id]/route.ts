import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { getRunOrThrow } from "@/lib/reconciliation/read/get-run-or-throw";

const params = z.object({ id: z.uuid("must be a run id") });

export const GET = defineRoute({
  access: "viewer",
  params,
  handler: async ({ params }) => ({ body: { run: await getRunOrThrow({ id: params.id }) } }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
