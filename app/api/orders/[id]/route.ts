import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { getOrderOrThrow } from "@/lib/orders/get-order-or-throw";

const params = z.object({ id: z.uuid("must be an order id") });

export const GET = defineRoute({
  access: "viewer",
  params,
  handler: async ({ params }) => ({ body: { order: await getOrderOrThrow({ id: params.id }) } }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
