import { z } from "zod";
import { unknownFieldsError } from "../validation/unknown-fields";

/** A field's message: "<field> is required" when it is missing, `invalid` otherwise. */
const required = (field: string, invalid: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${field} is required` : invalid;

/** A plain positive decimal as a JSON string: digits, optional fraction, no sign or exponent. */
const decimalString = (field: string) =>
  z
    .string({ error: required(field, `${field} must be a decimal string such as "0.015"`) })
    .max(40, `${field} is too long`)
    .regex(/^\d+(\.\d+)?$/, `${field} must be a plain decimal string such as "0.015" (no exponent)`)
    .refine((value) => /[1-9]/.test(value), `${field} must be greater than 0`);

/** One order as the API takes it (single order body and each batch leg). */
const orderFields = {
  symbol: z
    .string({ error: required("symbol", 'symbol must be a string such as "BTC/USDT"') })
    .min(1, "symbol is required")
    .max(40),
  side: z.enum(["buy", "sell"], { error: required("side", 'side must be "buy" or "sell"') }),
  type: z.enum(["limit", "market"], { error: required("type", 'type must be "limit" or "market"') }),
  quantity: decimalString("quantity"),
  price: decimalString("price").optional(),
  timeInForce: z
    .enum(["GTC", "IOC", "FOK"], { error: 'timeInForce must be "GTC", "IOC" or "FOK"' })
    .optional(),
};

export const orderInputSchema = z
  .strictObject(orderFields, { error: unknownFieldsError(Object.keys(orderFields)) })
  .superRefine((order, ctx) => {
    if (order.type === "limit" && order.price === undefined) {
      ctx.addIssue({ code: "custom", path: ["price"], message: "price is required for a limit order" });
    }
    if (order.type === "market" && order.price !== undefined) {
      ctx.addIssue({ code: "custom", path: ["price"], message: "price is only allowed for a limit order" });
    }
    if (order.type === "market" && order.timeInForce !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["timeInForce"],
        message: "timeInForce is only allowed for a limit order",
      });
    }
  });

export type OrderInput = z.output<typeof orderInputSchema>;

export const batchInputSchema = z.strictObject(
  {
    orders: z
      .array(orderInputSchema, { error: required("orders", "orders must be a list of 1 to 10 orders") })
      .min(1, "orders needs 1 to 10 orders")
      .max(10, "orders needs 1 to 10 orders"),
  },
  { error: unknownFieldsError(["orders"]) },
);
