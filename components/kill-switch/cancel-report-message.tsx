import type { CancelReportView } from "@/lib/risk/kill-switch-wire-schema";

/** The cancels of an engage: how many the venue canceled (others' orders counted apart) and which failed. */
export function CancelReportMessage({ report }: { report: CancelReportView }) {
  return (
    <div className="cancel-report" data-testid="cancel-report">
      <p>
        {report.canceled} open {report.canceled === 1 ? "order" : "orders"} canceled at the venue
        {report.external > 0 ? ` (${report.external} not placed by Tally)` : ""}; {report.sent} cancel{" "}
        {report.sent === 1 ? "request" : "requests"} sent. The check that nothing is left open follows in the
        banner.
      </p>
      {report.failed.length > 0 && (
        <>
          <p className="form-error">{report.failed.length} could not be canceled:</p>
          <ul>
            {report.failed.map((failure) => (
              <li key={`${failure.symbol}-${failure.venueOrderId ?? failure.clientOrderId}`}>
                {failure.symbol} {failure.clientOrderId ?? failure.venueOrderId}: {failure.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
