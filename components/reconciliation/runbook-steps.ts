import type { MismatchType } from "@/lib/reconciliation/read/mismatch-vocabulary";

const COMPARE = "Compare the Tally and Venue columns above: the highlighted rows are what differs.";
const ESCALATE =
  "If you cannot explain it, or it is above your adjustment limit: halt trading (header, Halt trading) and escalate to risk.";

/** What the on-call operator does next, per type, in the dashboard's words (docs/RUNBOOK.md has the long form). */
export const RUNBOOK_STEPS: Record<MismatchType, string[]> = {
  fill_missing_locally: [
    COMPARE,
    "The venue executed a trade that Tally never recorded (a lost execution report).",
    "Check the trade in Venue (trade id, price, quantity) against the order's fills below.",
    "Adjust inserts the venue's trade as a fill: do it when the trade is the venue's record of this order.",
    ESCALATE,
  ],
  fill_missing_at_venue: [
    COMPARE,
    "Tally holds a fill the venue does not report. Tally never removes a fill on its own.",
    "Check the venue's trade history for the trade id; if the venue confirms it never happened, fix the books outside Tally and Resolve with what you did.",
    ESCALATE,
  ],
  fill_quantity_mismatch: [
    COMPARE,
    "The venue reports less filled than Tally holds: Tally's position may be overstated. Trading on the symbol is halted.",
    "Find the duplicate or wrong fill in the order's fills; correct it outside Tally, then Resolve with a note.",
    ESCALATE,
  ],
  status_mismatch: [
    COMPARE,
    "The venue shows the order in another status than Tally.",
    "Adjust moves the order to the venue's status (an operator correction when the order's lifecycle would not allow it).",
    ESCALATE,
  ],
  missing_at_venue: [
    COMPARE,
    "Tally holds a live order the venue does not know. Tally never closes it on its own.",
    "Check the venue's order history for the client order id; once you know what happened, Resolve with what you found.",
    ESCALATE,
  ],
  unknown_at_venue_order: [
    "An order on our account was placed outside Tally. It is recorded as external (Orders page, origin external) and not adopted.",
    "Find out who placed it. If it is legitimate, Accept it with a note; otherwise cancel it at the venue and Resolve.",
    ESCALATE,
  ],
  duplicate_venue_orders: [
    "The venue holds two orders with one client order id: exposure may be double. Trading is halted.",
    "Cancel the extra order at the venue, then Resolve with the order ids.",
    ESCALATE,
  ],
  price_or_fee_mismatch: [
    COMPARE,
    "A fill's price, quantity or fee differs from the venue's trade.",
    "If the venue's figure is right, correct the fill outside Tally and Resolve; if the difference is known (a fee rebate), Accept it.",
    ESCALATE,
  ],
  stuck_pending: [
    "An order was sent but its outcome is still unknown. Tally keeps looking it up.",
    "Check the venue's order history for the client order id; Acknowledge while you look, Resolve once settled.",
    ESCALATE,
  ],
  balance_drift: [
    COMPARE,
    "A balance at the venue differs from the baseline plus Tally's fills: a deposit, a withdrawal or a trade Tally never saw.",
    "Check the venue's deposit and withdrawal history. A known transfer: Accept it with its reference. Otherwise escalate.",
    ESCALATE,
  ],
};

export const runbookSteps = (type: string) => RUNBOOK_STEPS[type as MismatchType] ?? [COMPARE, ESCALATE];
