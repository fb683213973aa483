import { z } from "zod";

/**
 * Wire contract of the kill-switch API (`/api/kill-switch`, its engage and release), shared by the
 * server (its views are inferred from it) and the browser. Pure zod schemas: safe to import from components.
 */
export const KILL_SWITCH_REASON_MAX = 500;

export const killSwitchStateSchema = z.object({
  engaged: z.boolean(),
  reason: z.string().nullable(),
  /** manual, reconciliation_breach, auth_failure, loss_limit or venue_unreachable. */
  source: z.string().nullable(),
  actor: z.string().nullable(),
  changedAt: z.iso.datetime().nullable(),
});

export const symbolHaltSchema = killSwitchStateSchema.extend({ symbol: z.string() });

/** GET /api/kill-switch, and the state in every engage and release answer. */
export const tradingStateSchema = z.object({
  killSwitch: killSwitchStateSchema,
  /** Symbols halted on their own (engaged only). */
  halts: z.array(symbolHaltSchema),
});

export const cancelReportSchema = z.object({
  sent: z.number().int(),
  canceled: z.number().int(),
  external: z.number().int(),
  failed: z.array(
    z.object({
      symbol: z.string(),
      venueOrderId: z.string().nullable(),
      clientOrderId: z.string().nullable(),
      reason: z.string(),
    }),
  ),
});

/** POST /api/kill-switch/engage: the state, and the cancels' result when asked for (else null). */
export const engageAnswerSchema = tradingStateSchema.extend({ cancel: cancelReportSchema.nullable() });

/** The request bodies (the routes parse with these; the dialog validates with them). */
export const engageBodySchema = z.strictObject({
  reason: z.string().trim().min(1, "a reason is required").max(KILL_SWITCH_REASON_MAX),
  cancelOpenOrders: z.boolean(),
  symbol: z.string().min(1).max(40).optional(),
});
export const releaseBodySchema = z.strictObject({
  reason: z.string().trim().min(1, "a reason is required").max(KILL_SWITCH_REASON_MAX),
  symbol: z.string().min(1).max(40).optional(),
});

export type KillSwitchStateView = z.infer<typeof killSwitchStateSchema>;
export type SymbolHaltView = z.infer<typeof symbolHaltSchema>;
export type TradingStateView = z.infer<typeof tradingStateSchema>;
export type CancelReportView = z.infer<typeof cancelReportSchema>;
export type EngageAnswer = z.infer<typeof engageAnswerSchema>;
