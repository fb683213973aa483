import type { TicketRiskCheck } from "./ticket-risk-check";

/** The pre-trade limits on the ticket's symbol and the prices the band allows, before sending. */
export function TicketRiskLimits({
  risk,
  baseAsset,
  quoteAsset,
}: {
  risk: TicketRiskCheck;
  baseAsset: string;
  quoteAsset: string;
}) {
  const { applying, priceBand } = risk;
  const items: string[] = [];
  if (applying.maxOrderQuantity) items.push(`max qty ${applying.maxOrderQuantity.toFixed()} ${baseAsset}`);
  if (applying.maxOrderNotional)
    items.push(`max notional ${applying.maxOrderNotional.toFixed()} ${quoteAsset}`);
  if (applying.maxOpenOrders !== null) items.push(`max ${applying.maxOpenOrders} open`);
  if (applying.maxPosition) items.push(`max position ${applying.maxPosition.toFixed()} ${baseAsset}`);
  return (
    <div className="ticket-limits" data-testid="ticket-limits">
      <p>
        <span className="muted">Limits </span>
        {items.length > 0 ? items.join(" · ") : "none"}
      </p>
      {applying.priceBandPercent && (
        <p data-testid="ticket-price-band">
          <span className="muted">Price band ±{applying.priceBandPercent.toFixed()}% </span>
          {priceBand
            ? `${priceBand.min.toDecimalPlaces(8).toFixed()} – ${priceBand.max.toDecimalPlaces(8).toFixed()}`
            : "needs a live order book (the server refuses limit orders without one)"}
        </p>
      )}
    </div>
  );
}
